/**
 * tiredofit/db-backup and its successor nfrastack/db-backup (domain.md §5.3, source key TB;
 * nfrastack/db-backup `examples/compose.yml` keeps the same `DBnn_*` names). Each job is a
 * `DBnn_` prefix; `DEFAULT_*` values apply to every job; most variables have a `_FILE` twin.
 * `DBnn_S3_HOST` is `hostname[:port]` without scheme: the image builds
 * `--endpoint-url ${protocol}://${host}` itself.
 */
import type { Project } from "../../project/project.js";
import { isInsideStack } from "./detect.js";
import { hostValue, isOurReference, prefixValue, ref, VARS } from "./r2.js";
import type { S3DumpOptions } from "./s3-dump.js";
import type { EnvSetting } from "./wire-env.js";

/** Minutes in a day: `DBnn_BACKUP_INTERVAL` and `DBnn_CLEANUP_TIME` are in minutes. */
const DAY = 1440;

/** Job prefixes (`DB01`) whose `DBnn_TYPE` is Postgres (`pgsql`, or `postgres*`, which the image maps to pgsql). */
export function postgresJobs(env: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const [name, value] of env) {
    const match = /^(DB\d+)_TYPE$/.exec(name);
    if (match && value && /^(pgsql|postgres)/i.test(value)) out.push(match[1]);
  }
  return out.sort();
}

/** The single-job variables of older releases (`DB_TYPE`, `DB_HOST`), which this module does not wire. */
export function usesLegacyVariables(env: Map<string, string | null>): boolean {
  return env.has("DB_TYPE") || env.has("DB_HOST");
}

const reference = (variable: string) => (current: string) => isOurReference(current, variable);

/** A job's own variable, its `_FILE` twin and the `DEFAULT_` fallback all count as set. */
function twins(job: string, suffix: string): string[] {
  return [`${job}_${suffix}_FILE`, `DEFAULT_${suffix}`, `DEFAULT_${suffix}_FILE`];
}

export function jobConnectionSettings(job: string, o: S3DumpOptions): EnvSetting[] {
  const s = (suffix: string, value: string, accept?: (v: string) => boolean): EnvSetting => ({
    name: `${job}_${suffix}`,
    value,
    mode: "replace",
    satisfiedBy: [`${job}_${suffix}_FILE`],
    ...(accept ? { accept } : {}),
  });
  return [
    s("BACKUP_LOCATION", "S3", (v) => v.toUpperCase() === "S3"),
    s("S3_HOST", hostValue(o), o.account ? undefined : reference(VARS.host)),
    s("S3_PROTOCOL", "https"),
    s("S3_REGION", o.region),
    s("S3_BUCKET", ref(VARS.bucket), reference(VARS.bucket)),
    s("S3_KEY_ID", ref(VARS.accessKeyId), reference(VARS.accessKeyId)),
    s("S3_KEY_SECRET", ref(VARS.secretAccessKey), reference(VARS.secretAccessKey)),
  ];
}

export function jobScheduleSettings(job: string, o: S3DumpOptions): EnvSetting[] {
  const s = (suffix: string, value: string): EnvSetting => ({ name: `${job}_${suffix}`, value, mode: "fill", satisfiedBy: twins(job, suffix) });
  return [
    s("S3_PATH", prefixValue(o)),
    // A nightly run at 03:00, every 1440 minutes (domain.md T3 defaults for this image).
    s("BACKUP_BEGIN", "0300"),
    s("BACKUP_INTERVAL", String(DAY)),
    s("CLEANUP_TIME", String(o.keepDays * DAY)),
  ];
}

/** Where a job already ships, when that is a complete off-site S3 target the user chose. */
export function existingJobTarget(project: Project, env: Map<string, string | null>, job: string): string | undefined {
  const get = (suffix: string) => env.get(`${job}_${suffix}`) || env.get(`DEFAULT_${suffix}`) || undefined;
  const has = (suffix: string) => Boolean(get(suffix) || env.get(`${job}_${suffix}_FILE`) || env.get(`DEFAULT_${suffix}_FILE`));
  if ((get("BACKUP_LOCATION") ?? "").toUpperCase() !== "S3") return undefined;
  const host = get("S3_HOST");
  if (!host || !has("S3_BUCKET") || !has("S3_KEY_ID") || !has("S3_KEY_SECRET")) return undefined;
  if (isOurReference(host, VARS.host) || isInsideStack(project, host)) return undefined;
  return host;
}
