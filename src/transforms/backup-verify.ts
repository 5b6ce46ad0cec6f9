/**
 * Gate item 3's "verify the nightly backup": off-site dumps that are checked, not trusted.
 *
 * For the stack's eeshugerman/postgres-backup-s3 job, adds a service that lists the bucket and
 * exposes the newest dump's age and size as node_exporter textfile metrics, alert rules on
 * them, a Swarm job that restores the newest dump into a scratch Postgres of the production
 * image and checks it, and a GitHub Actions workflow that runs that job on a schedule over SSH.
 * The restore test never reaches the production database: it is not on its network, has not
 * its password, and the script refuses a target that is (or looks like) production. See
 * docs/transforms/backup-verify.md and docs/runbooks/backup-verify.md.
 */
import { z } from "zod";
import { registerRuleFile } from "./shared/alert-rules.js";
import { deployTarget, locateService, placeNewService } from "./shared/stack.js";
import { targetOption } from "./shared/target-option.js";
import { defineTransform, type TransformContext } from "./types.js";
import { ROLES } from "./shared/roles.js";
import { chooseJob, isVerified, servicesWithRole, type VerifiedJob } from "./backup-verify/detect.js";
import { backupRules } from "./backup-verify/rules.js";
import { verifyScript } from "./backup-verify/script.js";
import { freshnessService, restoreService, scratchImage, scratchService, serviceNames, topLevel, type ServiceNames } from "./backup-verify/services.js";
import { exporterStep, rulesStep, secretsStep, workflowSteps } from "./backup-verify/steps.js";
import { ensureTextfileCollector } from "./backup-verify/textfile.js";
import { restoreWorkflow } from "./backup-verify/workflow.js";

const relativePath = (pattern: RegExp) => z.string().regex(pattern).refine((p) => !p.split("/").includes(".."), { message: "must stay inside the project" });

const options = z
  .object({
    target: targetOption,
    backupService: z.string().default("").describe("The eeshugerman/postgres-backup-s3 service to verify; empty = the only one of the stack"),
    scratchImage: z
      .string()
      .default("")
      .describe("Image of the scratch Postgres the restore test restores into; empty = the production database's image (same major, same extensions)"),
    maxAgeHours: z.number().int().min(2).default(26).describe("Critical alert when no dump is newer than this (gate: a nightly dump plus two hours)"),
    sizeDropPercent: z
      .number()
      .int()
      .min(1)
      .max(99)
      .default(50)
      .describe("Warning when the newest dump is smaller than this share of the median of the up to seven dumps before it"),
    checkInterval: z.number().int().min(60).max(3600).default(900).describe("Seconds between two listings of the bucket by the freshness service"),
    checkStaleHours: z.number().int().min(1).default(3).describe("Warning when the bucket has not been listed successfully for this long"),
    restoreSchedule: z
      .string()
      .regex(/^\S+( \S+){4}$/)
      .default("30 5 * * *")
      .describe("When the workflow runs the restore test (GitHub cron, UTC): daily, after a midnight @daily backup"),
    restoreMaxAgeHours: z.number().int().min(1).default(50).describe("Warning when no restore test has passed for this long (a daily schedule, one missed run, and slack)"),
    restoreTimeoutMinutes: z.number().int().min(5).max(350).default(120).describe("How long the workflow waits for the restore test before failing"),
    minTables: z.number().int().min(0).default(1).describe("The restored database must have at least this many tables"),
    assertions: z
      .array(
        z
          .string()
          .min(1)
          .refine((q) => !/[\r\n]/.test(q), { message: "one line per query" })
          .refine((q) => !/;\s*$/.test(q), { message: "no trailing semicolon: the query is run as SELECT (<query>)" }),
      )
      .default([])
      .describe("SQL queries that must each return true on the restored database, e.g. `SELECT count(*) > 0 FROM public.users`"),
    environment: z.string().regex(/^[A-Za-z0-9_. -]+$/).default("production").describe("GitHub environment that holds the SSH secrets of the workflow"),
    stack: z
      .string()
      .regex(/^([a-zA-Z0-9][a-zA-Z0-9_.-]*)?$/)
      .default("")
      .describe("Swarm stack name; empty = the workflow finds the restore job by its label, which must then be unique on the Swarm"),
    script: relativePath(/^[a-zA-Z0-9._-][a-zA-Z0-9._/-]*\.sh$/).default("scripts/backup-verify.sh").describe("Path of the script, relative to the first compose file"),
    rulesFile: relativePath(/^[a-zA-Z0-9._-][a-zA-Z0-9._/-]*\.ya?ml$/)
      .default("prometheus/rules/backup-verify.yml")
      .describe("Path of the alert rule file, relative to the first compose file"),
    workflow: relativePath(/^\.github\/workflows\/[a-zA-Z0-9._-]+\.ya?ml$/)
      .default(".github/workflows/backup-restore-test.yml")
      .describe("Path of the workflow, relative to the repository root"),
  });

type Options = z.infer<typeof options>;

/** Adds the services that are missing and the top-level entries they use, all in one file. */
function addServices(ctx: TransformContext, job: VerifiedJob, image: string, names: ServiceNames, o: Options, script: string): boolean {
  const project = ctx.project;
  const missing = ([ROLES.scratch, ROLES.freshness, ROLES.restore] as const).filter((role) => servicesWithRole(project, role).length === 0);
  const name = { [ROLES.scratch]: names.scratch, [ROLES.freshness]: names.freshness, [ROLES.restore]: names.restore };
  const placed = placeNewService(project, names.restore);
  if (!placed.ok) {
    ctx.refuse(`no backup verification added: ${placed.reason}`);
    return false;
  }
  const doc = placed.doc;
  const settings = { checkInterval: o.checkInterval, minTables: o.minTables };
  const build = {
    [ROLES.scratch]: () => scratchService(doc, image),
    [ROLES.freshness]: () => freshnessService(doc, job, settings),
    [ROLES.restore]: () => restoreService(doc, job, names, settings),
  };
  for (const role of missing) doc.set(["services", name[role]], build[role]());
  for (const [path, value] of topLevel(job, o.script, script)) {
    if (project.get(path) === undefined) doc.set(path, value);
  }
  const what = {
    [ROLES.scratch]: `${names.scratch} (${image}, the scratch Postgres on the internal network backup-verify)`,
    [ROLES.freshness]: `${names.freshness} (lists the bucket every ${o.checkInterval} s and writes the newest dump's age and size as metrics)`,
    [ROLES.restore]: `${names.restore} (a replicated-job: restores the newest dump into ${names.scratch}, checks it and drops it)`,
  };
  ctx.change(`added ${missing.map((r) => what[r]).join(", ")} to verify the dumps of ${job.service}`, locateService(project, job.service));
  return true;
}

function writeFiles(ctx: TransformContext, job: VerifiedJob, names: ServiceNames, o: Options, script: string): void {
  const composeFile = ctx.project.docs[0].filename;
  ctx.addFile({ path: o.script, content: script, mode: 0o755, description: "backup verification script (freshness check and restore test)" });
  ctx.addFile({
    path: o.rulesFile,
    content: backupRules({
      database: job.database,
      maxAgeHours: o.maxAgeHours,
      sizeDropPercent: o.sizeDropPercent,
      checkStaleHours: o.checkStaleHours,
      restoreMaxAgeHours: o.restoreMaxAgeHours,
    }),
    description: "Prometheus alert rules for the off-site backups",
  });
  registerRuleFile(ctx, { path: o.rulesFile, transform: "backup-verify" });
  ctx.addFile({
    path: o.workflow,
    base: "repository",
    content: restoreWorkflow({ composeFile, schedule: o.restoreSchedule, environment: o.environment, stack: o.stack, timeoutMinutes: o.restoreTimeoutMinutes }),
    description: "GitHub Actions workflow that runs the backup restore test",
  });
}

export default defineTransform({
  id: "backup-verify",
  title: "Verify the off-site backups",
  summary: "Alert on stale or shrunken off-site dumps and restore the newest one into a scratch Postgres on a schedule",
  closes: "gate/backup-verify",
  options,
  apply(ctx, o) {
    const project = ctx.project;
    const choice = chooseJob(project, o.backupService);
    if (!choice.ok) {
      ctx.refuse(choice.reason);
      return;
    }
    const job = choice.job;
    const at = locateService(project, job.service);
    if (deployTarget(project, o.target) !== "swarm") {
      ctx.refuse(`no backup verification added for ${job.service}: its restore test is a Swarm job (deploy.mode: replicated-job) with Swarm secrets, and this stack is deployed with docker compose`, at);
      return;
    }
    const script = verifyScript({ composeFile: project.docs[0].filename, backupService: job.service, assertions: o.assertions.map((q) => q.trim()) });
    const names = serviceNames(project);
    const verified = isVerified(project);
    if (!verified) {
      const image = scratchImage(project, job, o.scratchImage);
      if ("reason" in image) {
        ctx.refuse(`no backup verification added for ${job.service}: ${image.reason}`, at);
        return;
      }
      if (!addServices(ctx, job, image.image, names, o, script)) return;
    }
    writeFiles(ctx, job, names, o, script);
    // Steps a later transform of this run takes care of are not the user's.
    if (!ensureTextfileCollector(ctx) && !ctx.later.includes("node-exporter")) exporterStep(ctx);
    if (!verified) {
      secretsStep(ctx, job, at);
      workflowSteps(ctx, o.workflow, o.environment, names);
      if (!ctx.later.includes("observability")) rulesStep(ctx, o.rulesFile);
    }
  },
});
