/**
 * eeshugerman/postgres-backup-s3 (domain.md §5.1, source key EB): `pg_dump --format=custom`
 * uploaded with the AWS CLI to `s3://$S3_BUCKET/$S3_PREFIX/…` on `SCHEDULE`. Facts this module
 * relies on:
 * - tags are the Postgres major they dump: 12–16 documented; newer ones were not seen;
 * - `S3_PREFIX` must be set: `backup.sh` runs under `set -eu` and the Dockerfile defaults
 *   `S3_PATH`, not `S3_PREFIX`;
 * - `SCHEDULE` unset means "back up once and exit"; `@daily` is a documented go-cron form,
 *   5-field cron is unverified;
 * - no `_FILE` variables: `POSTGRES_PASSWORD` and the S3 secret come from the environment;
 * - `PASSPHRASE` non-empty encrypts with GPG (`backup.sh`: `if [ -n "$PASSPHRASE" ]`).
 */
import type { Project } from "../../project/project.js";
import { passwordVariableFor, settingText, type PostgresService } from "../shared/postgres.js";
import type { R2Options } from "./r2.js";
import { endpointValue, isOurReference, prefixValue, ref, VARS } from "./r2.js";
import { isInsideStack } from "./detect.js";
import type { EnvSetting } from "./wire-env.js";

export const S3_DUMP_REPOSITORY = "eeshugerman/postgres-backup-s3";
/** "Images are tagged by the major PostgreSQL version supported: 12, 13, 14, 15 or 16" (EB README). */
export const S3_DUMP_MAJORS: readonly number[] = [12, 13, 14, 15, 16];

export interface S3DumpOptions extends R2Options {
  schedule: string;
  keepDays: number;
  encrypt: boolean;
}

const reference = (variable: string) => (current: string) => isOurReference(current, variable);

/** Where the dumps go: replaced when wrong, because a half-wired target ships nothing. */
export function connectionSettings(o: S3DumpOptions): EnvSetting[] {
  return [
    { name: "S3_ENDPOINT", value: endpointValue(o), mode: "replace", accept: o.account ? undefined : reference(VARS.endpoint) },
    { name: "S3_REGION", value: o.region, mode: "replace" },
    { name: "S3_BUCKET", value: ref(VARS.bucket), mode: "replace", accept: reference(VARS.bucket) },
    { name: "S3_ACCESS_KEY_ID", value: ref(VARS.accessKeyId), mode: "replace", accept: reference(VARS.accessKeyId) },
    { name: "S3_SECRET_ACCESS_KEY", value: ref(VARS.secretAccessKey), mode: "replace", accept: reference(VARS.secretAccessKey) },
  ];
}

/** What the job cannot run without: a prefix (`set -u`) and a schedule (else it runs once). */
export function requiredJobSettings(o: S3DumpOptions): EnvSetting[] {
  return jobSettings(o).filter((s) => s.name === "S3_PREFIX" || s.name === "SCHEDULE");
}

/**
 * How the job runs: the user's own choices are kept; only what is missing is added. Retention
 * deletes old dumps, so it is only added where the bucket is new (see `wireS3Dump`).
 */
export function jobSettings(o: S3DumpOptions): EnvSetting[] {
  return [
    { name: "S3_PREFIX", value: prefixValue(o), mode: "fill" },
    { name: "SCHEDULE", value: o.schedule, mode: "fill" },
    ...(o.encrypt ? [{ name: "PASSPHRASE", value: ref(VARS.passphrase), mode: "fill" as const }] : []),
    // Last: a new entry takes its quotes from the entry before it, and this number needs quotes.
    { name: "BACKUP_KEEP_DAYS", value: String(o.keepDays), mode: "fill" },
  ];
}

/** How to reach the database; filled only, so a backup's own `POSTGRES_*` settings are kept. */
export function postgresSettings(pg: PostgresService): EnvSetting[] | { reason: string } {
  const user = settingText(pg.user);
  const database = settingText(pg.database);
  if (!user) return { reason: `the database user of ${pg.service} is not written in the compose file (${describeSetting(pg.user)})` };
  if (!database) return { reason: `the database name of ${pg.service} is not written in the compose file (${describeSetting(pg.database)})` };
  return [
    { name: "POSTGRES_HOST", value: pg.service, mode: "fill" },
    { name: "POSTGRES_DATABASE", value: database, mode: "fill" },
    { name: "POSTGRES_USER", value: user, mode: "fill" },
    { name: "POSTGRES_PASSWORD", value: ref(passwordVariableFor(pg)), mode: "fill" },
  ];
}

function describeSetting(s: PostgresService["user"]): string {
  if (s.kind === "file") return `it is read from ${s.path}, and postgres-backup-s3 has no _FILE variables`;
  return s.kind === "unknown" ? s.why : "it is not set";
}

/**
 * Where a configured job already ships, when that is off-site and complete: such a job is the
 * user's deliberate choice (AWS S3, another provider) and is not rewired to R2.
 */
export function existingOffsiteTarget(project: Project, env: Map<string, string | null>): string | undefined {
  const endpoint = env.get("S3_ENDPOINT");
  const complete = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"].every((n) => Boolean(env.get(n)));
  if (!complete) return undefined;
  if (!endpoint) return "AWS S3 (no S3_ENDPOINT is set)";
  if (isOurReference(endpoint, VARS.endpoint) || isInsideStack(project, endpoint)) return undefined;
  return endpoint;
}

/** The major version a tag like `16` pins, when the tag is exactly a major. */
export function tagMajor(tag: string | undefined): number | undefined {
  return tag && /^\d+$/.test(tag) ? Number(tag) : undefined;
}

/** Environment order of a new job: schedule, database, target, encryption. */
const NEW_JOB_ORDER = [
  "SCHEDULE",
  "BACKUP_KEEP_DAYS",
  "POSTGRES_HOST",
  "POSTGRES_DATABASE",
  "POSTGRES_USER",
  "POSTGRES_PASSWORD",
  "S3_ENDPOINT",
  "S3_REGION",
  "S3_BUCKET",
  "S3_PREFIX",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "PASSPHRASE",
];

/** The environment of a new job, in the order a reader expects. */
export function newJobEnvironment(pg: PostgresService, o: S3DumpOptions): [string, string][] | { reason: string } {
  const postgres = postgresSettings(pg);
  if (!Array.isArray(postgres)) return postgres;
  const byName = new Map([...jobSettings(o), ...postgres, ...connectionSettings(o)].map((s) => [s.name, s.value]));
  return NEW_JOB_ORDER.filter((n) => byName.has(n)).map((n) => [n, byName.get(n)!]);
}
