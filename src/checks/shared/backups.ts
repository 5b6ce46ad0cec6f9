/**
 * Whether a Postgres backup job ships its dumps off-site, per image family (domain.md §5):
 * the variables that name an S3 target must all be given, and the target must not be a
 * service of the same stack (a MinIO next to the database is not off-site).
 * Values written as `${VAR}` count as given: the deploy environment supplies them.
 */
import type { Project } from "../../project/project.js";
import { findBackups, isInsideStack, type BackupService } from "../../transforms/offsite-backup/detect.js";
import { environmentMap } from "./environment.js";
import { isProvided, serves } from "./postgres-helpers.js";
import type { Service } from "./model.js";

export interface BackupJob extends BackupService {
  /** Why the job does not ship off-site, or undefined when it does. */
  problem?: string;
  /** The database hosts it is configured for. */
  hosts: (string | null | undefined)[];
}

type Env = Map<string, string | null>;

function missing(env: Env, def: Service, names: string[]): string | undefined {
  const absent = names.filter((n) => !isProvided(env, def, n));
  if (absent.length === 0) return undefined;
  return `${absent.join(", ")} ${absent.length === 1 ? "is" : "are"} not set`;
}

/** A literal endpoint that names a service of this stack. */
function insideStack(project: Project, name: string, value: string | null | undefined): string | undefined {
  if (!value || value.includes("$") || !isInsideStack(project, value)) return undefined;
  return `${name} points at a service of this stack, not off-site`;
}

const matching = (env: Env, pattern: RegExp) => [...env.entries()].filter(([name]) => pattern.test(name));

/** eeshugerman/postgres-backup-s3: `S3_PREFIX` too, because `backup.sh` runs under `set -eu` (EB). */
function s3DumpProblem(project: Project, env: Env, def: Service): string | undefined {
  return (
    missing(env, def, ["S3_BUCKET", "S3_PREFIX", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]) ??
    insideStack(project, "S3_ENDPOINT", env.get("S3_ENDPOINT"))
  );
}

/** tiredofit/db-backup: a `DEFAULT_`/`DBnn_` job with `BACKUP_LOCATION=S3` and a bucket (TB). */
function dbBackupProblem(project: Project, env: Env, def: Service): string | undefined {
  const toS3 = matching(env, /^(DEFAULT|DB\d+)_BACKUP_LOCATION$/).some(([, v]) => /^s3$/i.test(v ?? ""));
  if (!toS3) return "no DEFAULT_BACKUP_LOCATION or DBnn_BACKUP_LOCATION is S3";
  const buckets = [...env.keys()].filter((n) => /^(DEFAULT|DB\d+)_S3_BUCKET(_FILE)?$/.test(n)).map((n) => n.replace(/_FILE$/, ""));
  if (!buckets.some((n) => isProvided(env, def, n))) return "no DEFAULT_S3_BUCKET or DBnn_S3_BUCKET is set";
  for (const [name, value] of matching(env, /^(DEFAULT|DB\d+)_S3_HOST$/)) {
    const inside = insideStack(project, name, value);
    if (inside) return inside;
  }
  return undefined;
}

/** kartoza/pg-backup: `STORAGE_BACKEND=S3`, `BUCKET` and `HOST_BASE` (its compose files; domain.md §5.4 did not examine it). */
function kartozaProblem(project: Project, env: Env, def: Service): string | undefined {
  if (!/^s3$/i.test(env.get("STORAGE_BACKEND") ?? "")) return "STORAGE_BACKEND is not S3";
  return missing(env, def, ["BUCKET"]) ?? insideStack(project, "HOST_BASE", env.get("HOST_BASE"));
}

function problemOf(project: Project, job: BackupService, env: Env, def: Service): string | undefined {
  switch (job.kind) {
    case "s3-dump":
      return s3DumpProblem(project, env, def);
    case "db-backup":
      return dbBackupProblem(project, env, def);
    case "kartoza":
      return kartozaProblem(project, env, def);
    case "local":
      return "it keeps the dumps on this host only";
  }
}

function hostsOf(job: BackupService, env: Env): (string | null | undefined)[] {
  if (job.kind === "db-backup") return matching(env, /^(DEFAULT|DB\d+)_HOST$/).map(([, v]) => v);
  return [env.get("POSTGRES_HOST")];
}

/** Every backup job of the stack with its hosts and, when it does not ship off-site, why. */
export function backupJobs(project: Project): BackupJob[] {
  return findBackups(project).map((job) => {
    const env = environmentMap(project, job.service);
    const def = project.service(job.service) ?? {};
    const problem = problemOf(project, job, env, def);
    return { ...job, hosts: hostsOf(job, env), ...(problem ? { problem } : {}) };
  });
}

/** The jobs that back up the Postgres server `service`. */
export function jobsFor(jobs: readonly BackupJob[], service: string): BackupJob[] {
  return jobs.filter((j) => serves(j.hosts, service));
}
