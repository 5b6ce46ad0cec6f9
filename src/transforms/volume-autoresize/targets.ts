/**
 * The volumes the workflow watches: every Hetzner Cloud Volume a service writes to (found in
 * the stack), then the ones option `volumes` names. An option entry for a volume the stack
 * already shows replaces it (its mount point wins); two entries for one mount point cannot
 * both be right and the later one is refused.
 */
import { hetznerDataVolumes, type DataUse } from "../../project/data-placement.js";
import type { Project } from "../../project/project.js";
import type { Options } from "./options.js";

export interface Target {
  /** How the script finds the volume in the API: its id, or its name. */
  key: string;
  /** The id when known (found in the stack, or given); undefined for a volume given by name. */
  id?: string;
  /** Where it is mounted on the server. */
  mount: string;
  /** The services writing to it, when the stack shows them. */
  uses: DataUse[];
}

export interface Targets {
  targets: Target[];
  /** Option entries that could not be used, with why. */
  refused: string[];
}

export function watchedVolumes(project: Project, o: Options): Targets {
  const targets: Target[] = hetznerDataVolumes(project).map((v) => ({ key: v.id, id: v.id, mount: v.mountPoint, uses: v.uses }));
  const refused: string[] = [];
  for (const entry of o.volumes) {
    const key = entry.id ?? entry.name!;
    const same = targets.findIndex((t) => t.key === key);
    const clash = targets.find((t, i) => i !== same && t.mount === entry.mount);
    if (clash) {
      refused.push(`option volumes: ${key} is mounted at ${entry.mount}, where volume ${clash.key} already is; left out`);
      continue;
    }
    const target: Target = { key, ...(entry.id ? { id: entry.id } : {}), mount: entry.mount, uses: same >= 0 ? targets[same].uses : [] };
    if (same >= 0) targets[same] = target;
    else targets.push(target);
  }
  return { targets, refused };
}

/** `100234 (/mnt/HC_Volume_100234: postgres, minio)`, for messages. */
export function describeTarget(t: Target): string {
  const services = [...new Set(t.uses.map((u) => u.service))];
  return `${t.key} (${t.mount}${services.length ? `: ${services.join(", ")}` : ""})`;
}
