/**
 * Reading a `ports:` entry in either syntax. Short syntax is `[[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]`
 * (CS 05-services.md "ports"); the host IP may be an IPv6 address in brackets or an
 * interpolation such as `${HOST_IP:-127.0.0.1}`, whose colons do not separate fields.
 */
import { isObject } from "./model.js";
import { splitOutsideInterpolation as splitFields } from "../../interpolation/split.js";

export interface PortEntry {
  syntax: "short" | "long";
  hostIp?: string;
  published?: string;
  target: string;
  /** The entry as text, for messages (`127.0.0.1:8080:80`, `8080:80/tcp`). */
  text: string;
}

function shortEntry(raw: string): PortEntry {
  const text = raw.trim();
  const fields = splitFields(text.replace(/\/[a-z]+$/i, ""));
  const target = fields[fields.length - 1];
  if (fields.length === 1) return { syntax: "short", target, text };
  const published = fields[fields.length - 2];
  if (fields.length === 2) return { syntax: "short", published, target, text };
  // Everything before the last two fields is the address (an unbracketed IPv6 has colons).
  const hostIp = fields.slice(0, -2).join(":").replace(/^\[|\]$/g, "");
  return { syntax: "short", hostIp, published, target, text };
}

function longEntry(raw: Record<string, unknown>): PortEntry | undefined {
  if (raw.target === undefined) return undefined;
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const hostIp = str(raw.host_ip);
  const published = str(raw.published);
  const target = String(raw.target);
  const text = [hostIp, published, target].filter((p) => p !== undefined).join(":");
  return { syntax: "long", target, text, ...(hostIp !== undefined ? { hostIp } : {}), ...(published !== undefined ? { published } : {}) };
}

export function parsePort(raw: unknown): PortEntry | undefined {
  if (typeof raw === "number") return { syntax: "short", target: String(raw), text: String(raw) };
  if (typeof raw === "string") return raw.trim() === "" ? undefined : shortEntry(raw);
  return isObject(raw) ? longEntry(raw) : undefined;
}

/** `0.0.0.0`, `::` and `[::]` say "every interface" as plainly as no address does. */
export function isWildcardIp(ip: string): boolean {
  return ip === "0.0.0.0" || ip === "::" || ip === "";
}

/** The entry is one `${VAR}` as a whole (`- ${WEB_PORTS}`): what it publishes is decided at deploy time. */
export function isWhollyInterpolated(entry: PortEntry): boolean {
  return entry.syntax === "short" && /^\$\{[^}]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(entry.text);
}
