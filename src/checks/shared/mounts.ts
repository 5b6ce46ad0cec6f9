/**
 * Host paths a service mounts, in every way compose writes them: short syntax
 * (`/var/run:/var/run:ro`), long syntax (`{type: bind, source: /etc}`, or an absolute `source`
 * with no type, which compose reads as a bind), and named volumes that are bind mounts under
 * another name (`driver_opts: {type: none, o: bind, device: /var/run/docker.sock}` on the
 * local driver; docs.docker.com/reference/compose-file/volumes/#driver_opts). Paths are
 * normalised the way the engine cleans a mount source, so `//`, `/.` and `/etc/..` all name
 * the root. A `${VAR:-default}` source is judged by its default, which is what deploys when the
 * variable is unset; a bare `${VAR}` is decided at deploy time and is not judged.
 */
import path from "node:path";
import { defaultOf } from "../../interpolation/query.js";
import { isObject } from "./model.js";
import { splitOutsideInterpolation } from "../../interpolation/split.js";

export interface HostMount {
  /** The host path as written (or the device of a bind-backed volume). */
  source: string;
  /** The normalised absolute host path (`/`, `/var/run`, `~/.ssh`). */
  path: string;
  readOnly: boolean;
  /** The named volume the mount goes through, when it is a bind-backed one. */
  volume?: string;
}

/** Clean a host path as the engine does: `.`/`..` resolved, `//` collapsed, no trailing slash. */
export function normalizeHostPath(source: string): string {
  if (source.startsWith("~")) return path.posix.normalize(source).replace(/\/+$/, "") || "~";
  const normalized = path.posix.normalize(source).replace(/^\/+/, "/");
  return normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
}

/** The text a source deploys with: itself, or the default of a sole `${VAR:-default}`. */
function deployedText(source: string): string | undefined {
  if (!source.includes("$")) return source;
  const fallback = defaultOf(source);
  return fallback?.literal;
}

const isHostPath = (text: string) => text.startsWith("/") || text.startsWith("~");
const readOnlyOptions = (options: string | undefined) => (options ?? "").split(",").some((o) => o.trim() === "ro");

/** Named volumes (the top-level `volumes:` map) that bind a host path: `{name: {device, readOnly}}`. */
export function bindBackedVolumes(volumes: unknown): Map<string, { device: string; readOnly: boolean }> {
  const out = new Map<string, { device: string; readOnly: boolean }>();
  if (!isObject(volumes)) return out;
  for (const [name, spec] of Object.entries(volumes)) {
    if (!isObject(spec) || spec.external === true || (spec.driver !== undefined && spec.driver !== null && spec.driver !== "local")) continue;
    const opts = spec.driver_opts;
    if (!isObject(opts) || typeof opts.device !== "string" || !opts.device.startsWith("/")) continue;
    const flags = String(opts.o ?? "")
      .split(",")
      .map((f) => f.trim().toLowerCase());
    // `type: none` with a path device is the local driver's bind; `o: bind`/`rbind` says it too.
    const bind = String(opts.type ?? "").toLowerCase() === "none" || flags.includes("bind") || flags.includes("rbind");
    if (bind) out.set(name, { device: opts.device, readOnly: flags.includes("ro") });
  }
  return out;
}

function fromSource(source: string, readOnly: boolean, binds: Map<string, { device: string; readOnly: boolean }>): HostMount | undefined {
  const text = deployedText(source);
  if (text === undefined || text === "") return undefined;
  if (isHostPath(text)) return { source: text, path: normalizeHostPath(text), readOnly };
  const bound = binds.get(text);
  if (!bound) return undefined;
  return { source: bound.device, path: normalizeHostPath(bound.device), readOnly: readOnly || bound.readOnly, volume: text };
}

/** The host path a `volumes:` entry mounts, or undefined for named volumes, tmpfs and relative paths. */
export function hostMountOf(entry: unknown, binds: Map<string, { device: string; readOnly: boolean }>): HostMount | undefined {
  if (typeof entry === "string") {
    const fields = splitOutsideInterpolation(entry.trim());
    if (fields.length < 2) return undefined;
    return fromSource(fields[0], readOnlyOptions(fields[2]), binds);
  }
  if (!isObject(entry) || typeof entry.source !== "string") return undefined;
  if (entry.type !== undefined && entry.type !== "bind" && entry.type !== "volume") return undefined;
  const readOnly = entry.read_only === true || entry.read_only === "true";
  return fromSource(entry.source, readOnly, binds);
}

/** `path` is `dir` or below it. */
export function isAtOrUnder(pathText: string, dir: string): boolean {
  return dir === "/" || pathText === dir || pathText.startsWith(`${dir}/`);
}
