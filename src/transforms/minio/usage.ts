/**
 * What a service uses and who uses what: named volumes and bind mounts, networks, and the
 * `depends_on` / `links` entries that name a service. drop-minio removes a top-level volume or
 * network only when no remaining service uses it.
 */
import type { Project } from "../../project/project.js";
import { resolveDefaults } from "../../interpolation/index.js";

export interface Mounts {
  /** Top-level named volumes the service mounts. */
  named: string[];
  /** Host paths it bind-mounts. */
  binds: string[];
}

function isHostPath(source: string): boolean {
  return /^(\/|\.|~|[A-Za-z]:[\\/])/.test(source) || source.includes("/");
}

/** Named volumes and bind mounts of a service (short and long syntax). */
export function mountsOf(service: Record<string, unknown>): Mounts {
  const out: Mounts = { named: [], binds: [] };
  const volumes = service.volumes;
  if (!Array.isArray(volumes)) return out;
  for (const v of volumes) {
    let source: string | undefined;
    let type: string | undefined;
    if (typeof v === "string") {
      const parts = resolveDefaults(v).split(":");
      if (parts.length < 2) continue; // an anonymous volume
      source = parts[0];
    } else if (v && typeof v === "object") {
      const long = v as { source?: unknown; type?: unknown };
      source = typeof long.source === "string" ? resolveDefaults(long.source) : undefined;
      type = typeof long.type === "string" ? long.type : undefined;
    }
    if (!source) continue;
    if (type === "bind" || (type === undefined && isHostPath(source))) out.binds.push(source);
    else if (type === undefined || type === "volume") out.named.push(source);
  }
  return out;
}

export function networksOf(service: Record<string, unknown>): string[] {
  const n = service.networks;
  if (Array.isArray(n)) return n.map(String);
  if (n && typeof n === "object") return Object.keys(n);
  return [];
}

/** Top-level entries (`volumes` or `networks`) that only `removed` services used. */
export function onlyUsedBy(project: Project, kind: "volumes" | "networks", removed: readonly string[], gone: Map<string, Record<string, unknown>>): string[] {
  const declared = new Set(Object.keys((project.get([kind]) as Record<string, unknown> | undefined) ?? {}));
  const usedBy = (service: Record<string, unknown>) => (kind === "volumes" ? mountsOf(service).named : networksOf(service));
  const candidates = new Set([...gone.values()].flatMap(usedBy).filter((n) => declared.has(n) && n !== "default"));
  for (const name of project.services()) {
    if (removed.includes(name)) continue;
    for (const used of usedBy(project.service(name) ?? {})) candidates.delete(used);
  }
  return [...candidates];
}

/** The Docker name of a top-level volume: its `name:`, else `<project>_<key>`. */
export function dockerVolumeName(project: Project, key: string): string {
  const name = project.get(["volumes", key, "name"]);
  return typeof name === "string" ? resolveDefaults(name) : `<stack>_${key}`;
}
