/**
 * Services compose-gate adds for a purpose other transforms must know about carry a Swarm
 * service label naming their role. A scratch database, for one, runs a Postgres image but is
 * not the stack's database: no transform may back it up, export it or point an app at it.
 */
export const ROLE_LABEL = "compose-gate.role";

export const ROLES = {
  /** backup-verify: lists the off-site bucket and writes the freshness metrics. */
  freshness: "backup-freshness",
  /** backup-verify: the replicated-job that restores the newest dump. */
  restore: "backup-restore-test",
  /** backup-verify: the Postgres the restore test restores into. */
  scratch: "scratch-database",
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The role label of a service (`deploy.labels`, in map or `key=value` list form), when it has one. */
export function roleOf(def: Record<string, unknown> | undefined): string | undefined {
  const labels = isObject(def?.deploy) ? def.deploy.labels : undefined;
  if (Array.isArray(labels)) {
    const prefix = `${ROLE_LABEL}=`;
    const item = labels.find((l) => String(l).startsWith(prefix));
    return item === undefined ? undefined : String(item).slice(prefix.length);
  }
  if (isObject(labels) && labels[ROLE_LABEL] !== undefined && labels[ROLE_LABEL] !== null) return String(labels[ROLE_LABEL]);
  return undefined;
}
