/**
 * Wiring a backup job that is already in the stack to the off-site target: its S3 settings are
 * pointed at `OFFSITE_S3_*`, what the job needs to run is filled in, and everything the user
 * already set right (schedule, retention, database settings) is kept as written.
 */
import type { Project } from "../../project/project.js";
import { parseImage } from "../../image/reference.js";
import { choosePostgres, type PostgresChoice } from "../shared/postgres.js";
import { isolatingNetworks, joinServiceNetwork, locateService, serviceEnv, serviceNetworks } from "../shared/stack.js";
import type { TransformContext } from "../types.js";
import { existingJobTarget, jobConnectionSettings, jobScheduleSettings, postgresJobs, usesLegacyVariables } from "./db-backup.js";
import { isInsideStack, type BackupService } from "./detect.js";
import { isOurReference, VARS } from "./r2.js";
import {
  connectionSettings,
  existingOffsiteTarget,
  jobSettings,
  postgresSettings,
  requiredJobSettings,
  S3_DUMP_MAJORS,
  tagMajor,
  type S3DumpOptions,
} from "./s3-dump.js";
import { dbBackupSteps, refuseKartoza, s3DumpSteps, type StepContext } from "./steps.js";
import { applyEnv, describeEdit, type EnvSetting } from "./wire-env.js";

export interface WireOptions extends S3DumpOptions {
  postgresService: string;
}

const POSTGRES_VARS = ["POSTGRES_HOST", "POSTGRES_DATABASE", "POSTGRES_USER", "POSTGRES_PASSWORD"];

function stepContext(ctx: TransformContext, backup: BackupService, o: WireOptions): StepContext {
  return { ctx, service: backup.service, at: locateService(ctx.project, backup.service), options: o };
}

/** The database a job backs up: the Postgres service its host names, else the stack's only one. */
function postgresOf(project: Project, host: string | null | undefined, wanted: string): PostgresChoice {
  if (host && !wanted) {
    const named = choosePostgres(project, host);
    if (named.ok) return named;
  }
  return choosePostgres(project, wanted);
}

/** Database settings to fill, or why they cannot be (only a problem when some are missing). */
function databaseSettings(pg: PostgresChoice, env: Map<string, string | null>): EnvSetting[] | string {
  if (POSTGRES_VARS.every((n) => env.get(n))) return [];
  if (!pg.ok) return pg.reason;
  const settings = postgresSettings(pg.postgres);
  return Array.isArray(settings) ? settings : settings.reason;
}

export function wireS3Dump(ctx: TransformContext, backup: BackupService, o: WireOptions): void {
  const project = ctx.project;
  const steps = stepContext(ctx, backup, o);
  const env = serviceEnv(project, backup.service);
  const offsite = existingOffsiteTarget(project, env);
  if (offsite) ctx.satisfied(`${backup.service} already ships off-site to ${offsite}: its S3 settings are the user's choice and are not rewired to R2`, steps.at);
  const pg = postgresOf(project, env.get("POSTGRES_HOST"), o.postgresService);
  const database = databaseSettings(pg, env);
  if (typeof database === "string") {
    ctx.refuse(`${backup.service} lacks some of ${POSTGRES_VARS.join(", ")} and compose-gate cannot fill them: ${database}`, steps.at);
    return;
  }
  // A target the user chose keeps its own retention and encryption: adding BACKUP_KEEP_DAYS
  // to a bucket that keeps everything would delete its older dumps.
  const settings = [...(offsite ? requiredJobSettings(o) : [...connectionSettings(o), ...jobSettings(o)]), ...database];
  const outcome = applyEnv(project, backup.service, settings);
  if (!outcome.ok) {
    ctx.refuse(outcome.reason, steps.at);
    return;
  }
  const retagged = pg.ok ? matchTag(ctx, backup, pg.postgres.major, steps) : false;
  const routed = offsite ? false : routeOut(ctx, backup.service, steps);
  if (outcome.edits.length === 0 && !retagged && !routed) return;
  if (outcome.edits.length > 0) {
    const target = offsite ? "" : " to ship its dumps to R2 through OFFSITE_S3_*";
    ctx.change(`${backup.service}: set ${outcome.edits.map(describeEdit).join(", ")}${target}`, steps.at);
  }
  const after = serviceEnv(project, backup.service);
  const password = after.get("POSTGRES_PASSWORD");
  const passwordVariable = password ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(password)?.[1] : undefined;
  if (!offsite) s3DumpSteps(steps, passwordVariable, isOurReference(after.get("PASSPHRASE") ?? null, VARS.passphrase), pg.ok ? pg.postgres : undefined);
}

/**
 * A job only on `internal: true` networks cannot reach R2: it joins the stack's default network
 * too (the database stays reachable on its own network). Refused where the networks cannot be
 * edited here.
 */
function routeOut(ctx: TransformContext, service: string, steps: StepContext): boolean {
  const isolated = isolatingNetworks(ctx.project, serviceNetworks(ctx.project, service) ?? []);
  if (!isolated) return false;
  const networks = isolated.join(", ");
  if (!joinServiceNetwork(ctx.project, service, "default")) {
    ctx.refuse(`${service} is only on ${networks}, declared internal: true, so it cannot reach the bucket; add a network with a route out to it by hand`, steps.at);
    return false;
  }
  ctx.change(`${service}: joins the network default: it was only on ${networks}, declared internal: true (no route out), and the dumps go to R2`, steps.at);
  return true;
}

/**
 * pg_dump refuses to dump a server newer than itself, so the job's tag must not be older than
 * the database's major. A tag that is exactly a major is raised when a newer one is documented.
 */
function matchTag(ctx: TransformContext, backup: BackupService, major: number | undefined, steps: StepContext): boolean {
  const ref = parseImage(backup.image);
  const tag = tagMajor(ref.tag);
  if (major === undefined || tag === undefined || tag >= major) return false;
  if (!S3_DUMP_MAJORS.includes(major) || ref.digest) {
    ctx.refuse(
      `${backup.service} runs ${backup.image}, older than the database (Postgres ${major}), and pg_dump cannot dump a newer server; ` +
        `no ${major} tag is documented for postgres-backup-s3 (tags 12–16), so pick an image that matches by hand`,
      steps.at,
    );
    return false;
  }
  const path = ["services", backup.service, "image"];
  const placed = ctx.project.placeSet(path);
  if (!placed.ok || placed.doc.sharedAt(path).length > 0) {
    ctx.refuse(`${backup.service} must run postgres-backup-s3:${major} to dump Postgres ${major}, but its image cannot be changed here`, steps.at);
    return false;
  }
  const image = backup.image.replace(/:\d+$/, `:${major}`);
  placed.doc.set(path, image);
  ctx.change(`${backup.service}: image ${backup.image} → ${image}: pg_dump must not be older than the Postgres ${major} server it dumps`, steps.at);
  return true;
}

export function wireDbBackup(ctx: TransformContext, backup: BackupService, o: WireOptions): void {
  const project = ctx.project;
  const steps = stepContext(ctx, backup, o);
  const env = serviceEnv(project, backup.service);
  const jobs = postgresJobs(env);
  if (jobs.length === 0) {
    const legacy = usesLegacyVariables(env) ? " (it uses the single-job DB_* variables of older releases)" : "";
    ctx.refuse(`${backup.service} (${backup.image}) has no Postgres job (DBnn_TYPE=pgsql)${legacy}; wire its S3 target by hand`, steps.at);
    return;
  }
  const settings: EnvSetting[] = [];
  for (const job of jobs) {
    const offsite = existingJobTarget(project, env, job);
    if (offsite) {
      ctx.satisfied(`${backup.service} job ${job} already ships off-site to ${offsite}: its S3 settings are the user's choice and are not rewired to R2`, steps.at);
      // Its retention too: a cleanup time added to that bucket would delete older dumps.
      settings.push(...jobScheduleSettings(job, o).filter((s) => !s.name.endsWith("_CLEANUP_TIME")));
    } else {
      settings.push(...jobConnectionSettings(job, o), ...jobScheduleSettings(job, o));
    }
  }
  const outcome = applyEnv(project, backup.service, settings);
  if (!outcome.ok) {
    ctx.refuse(outcome.reason, steps.at);
    return;
  }
  if (outcome.edits.length === 0) return;
  const moved = outcome.edits.some((e) => e.name.endsWith("_BACKUP_LOCATION") && e.previous)
    ? "; new dumps go to the bucket instead of the local volume, and dumps already written stay where they are"
    : "";
  ctx.change(`${backup.service}: set ${outcome.edits.map(describeEdit).join(", ")} to ship ${jobs.join(", ")} to R2 through OFFSITE_S3_*${moved}`, steps.at);
  dbBackupSteps(steps);
}

export function refuseKartozaJob(ctx: TransformContext, backup: BackupService, o: WireOptions): void {
  const env = serviceEnv(ctx.project, backup.service);
  const base = env.get("HOST_BASE");
  const inside = (env.get("STORAGE_BACKEND") ?? "").toUpperCase() === "S3" && base && isInsideStack(ctx.project, base) ? base : undefined;
  refuseKartoza(stepContext(ctx, backup, o), inside);
}
