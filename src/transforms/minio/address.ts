/**
 * Where a MinIO server can be reached from a compose file: by its service name, hostname,
 * container name or network alias (also as `bucket.host` for virtual-hosted requests), and
 * from the host through the ports it publishes (`http://localhost:9090`). A text refers to
 * MinIO when one of those appears as a URL host or as `host:port`.
 */
import { resolveDefaults } from "../../interpolation/index.js";

export interface MinioAddress {
  /** Names other containers resolve to the server. */
  hosts: string[];
  /** Host ports the server publishes (reachable as localhost:PORT). */
  publishedPorts: string[];
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "host.docker.internal"];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Names the service answers to, from its definition (interpolation defaults resolved). */
export function serviceHosts(name: string, service: Record<string, unknown>): string[] {
  const hosts = new Set([name]);
  for (const key of ["hostname", "container_name"]) {
    const v = service[key];
    if (typeof v === "string" && resolveDefaults(v)) hosts.add(resolveDefaults(v));
  }
  const networks = service.networks;
  if (networks && typeof networks === "object" && !Array.isArray(networks)) {
    for (const net of Object.values(networks as Record<string, unknown>)) {
      const aliases = (net as { aliases?: unknown } | null)?.aliases;
      if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === "string") hosts.add(resolveDefaults(a));
    }
  }
  return [...hosts].filter(Boolean);
}

/** Host ports published by `ports` (short and long syntax; `${PORT:-9090}` read as 9090). */
export function publishedPorts(service: Record<string, unknown>): string[] {
  const ports = service.ports;
  if (!Array.isArray(ports)) return [];
  const out = new Set<string>();
  for (const entry of ports) {
    if (entry && typeof entry === "object") {
      const published = (entry as { published?: unknown }).published;
      if (published !== undefined && published !== null) out.add(resolveDefaults(String(published)));
      continue;
    }
    const text = resolveDefaults(String(entry)).replace(/\/(tcp|udp)$/, "");
    // [ip:]published:target — an IPv6 ip is bracketed, so the last two colon fields are the ports.
    const fields = text.replace(/^\[[^\]]*\]:/, "x:").split(":");
    if (fields.length >= 2) out.add(fields[fields.length - 2]);
  }
  return [...out].filter((p) => /^\d+(-\d+)?$/.test(p));
}

export function addressOf(name: string, service: Record<string, unknown>): MinioAddress {
  return { hosts: serviceHosts(name, service), publishedPorts: publishedPorts(service) };
}

/** Merge the addresses of several servers. */
export function joinAddresses(addresses: MinioAddress[]): MinioAddress {
  return {
    hosts: [...new Set(addresses.flatMap((a) => a.hosts))],
    publishedPorts: [...new Set(addresses.flatMap((a) => a.publishedPorts))],
  };
}

/** One regular expression per address: `refersTo` runs on every string of every service. */
const patterns = new WeakMap<MinioAddress, RegExp | undefined>();
function patternOf(address: MinioAddress): RegExp | undefined {
  if (!patterns.has(address)) patterns.set(address, pattern(address));
  return patterns.get(address);
}

function pattern(address: MinioAddress): RegExp | undefined {
  if (address.hosts.length === 0 && address.publishedPorts.length === 0) return undefined;
  const named = address.hosts.map(escape).join("|");
  const local = LOCAL_HOSTS.map(escape).join("|");
  const host = named ? `(?:[A-Za-z0-9-]+\\.)*(?:${named})` : "(?!)";
  // scheme, userinfo, host, port; a match counts only with a scheme or a port (see refersTo).
  return new RegExp(
    `(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9+.-]*:\\/\\/)?(?:[^\\s/@'"]+@)?(?:(${host})|(${local}))(?::(\\d+))?(?![A-Za-z0-9_.-])`,
    "gi",
  );
}

/**
 * The first place `text` points at MinIO (`http://minio:9000`, `minio:9000`,
 * `warehouse.minio:9000`, `http://localhost:9090` when 9090 is published), or undefined.
 * A bare word is not an address: `minio` alone is as likely a user name.
 */
export function refersTo(text: string, address: MinioAddress): string | undefined {
  const re = patternOf(address);
  if (!re) return undefined;
  for (const candidate of new Set([resolveDefaults(text), text])) {
    for (const m of candidate.matchAll(re)) {
      const [whole, scheme, named, local, port] = m;
      if (named && (scheme || port)) return whole;
      if (local && port && address.publishedPorts.some((p) => inRange(port, p))) return whole;
    }
  }
  return undefined;
}

function inRange(port: string, published: string): boolean {
  const [lo, hi] = published.split("-").map(Number);
  const p = Number(port);
  return hi === undefined ? p === lo : p >= lo && p <= hi;
}
