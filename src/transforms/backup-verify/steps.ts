/**
 * The words of backup-verify's findings: what it added, and what a person must still do — the
 * secrets, the SSH access of the workflow, node_exporter and Prometheus, and the first run.
 */
import type { Location } from "../../document/compose-document.js";
import { valueVariableFor } from "../../secrets/naming.js";
import { TEXTFILE_FLAG, TEXTFILE_MOUNT } from "../node-exporter/service.js";
import { manualBackup } from "../shared/manual-backup.js";
import { newSwarmSecrets } from "../shared/swarm-secrets.js";
import { requireSshSecrets } from "../shared/workflow.js";
import type { TransformContext } from "../types.js";
import type { VerifiedJob } from "./detect.js";
import { SCRATCH_SECRET, type ServiceNames } from "./services.js";

type At = { location?: Location; service?: string };

/**
 * The Swarm secrets the services read: the bucket credentials and passphrase the backup job
 * already uses, and a new random password for the scratch server. env-to-secrets' script and
 * secrets-sync workflow create them when it runs later in the preset (shared/swarm-secrets.ts);
 * without it, this step says how.
 */
export function secretsStep(ctx: TransformContext, job: VerifiedJob, at: At): void {
  const shared = [job.secrets.accessKeyId, job.secrets.secretAccessKey, ...(job.secrets.passphrase ? [job.secrets.passphrase] : [])];
  newSwarmSecrets(ctx, {
    secrets: [...shared.map((name) => ({ name })), { name: SCRATCH_SECRET, what: `a new random password for the scratch server, never the production one (e.g. \`openssl rand -base64 32 | tr -d '\\n'\`)` }],
    fallback: (c) => {
      const from = shared.map((s) => `${s} (the value of ${valueVariableFor(s)})`).join(", ");
      c.manual(
        `create the Swarm secrets the verification reads, where missing: ${from} — the bucket credentials and passphrase ${job.service} uses — ` +
          `and ${SCRATCH_SECRET}, a new random password for the scratch server (never the production one): ` +
          `printf '%s' "$VALUE" | docker secret create <name> - on a manager, e.g. openssl rand -base64 32 | tr -d '\\n' | docker secret create ${SCRATCH_SECRET} -`,
        at,
      );
    },
  });
}

export function workflowSteps(ctx: TransformContext, workflow: string, environment: string, names: ServiceNames): void {
  // Named once per run, however many workflows need them.
  requireSshSecrets(ctx, environment);
  ctx.manual(
    `after deploying, run one backup (${manualBackup(ctx, "<the backup job's container>")}), then run the workflow ${workflow} by hand ` +
      `(Actions → Backup restore test → Run workflow): it re-runs ${names.restore}, which restores the newest dump into ${names.scratch}, and must turn green`,
  );
}

export function exporterStep(ctx: TransformContext): void {
  ctx.manual(
    `no node_exporter runs in this stack yet: the backup metrics reach Prometheus once one runs with ${TEXTFILE_FLAG} and mounts ${TEXTFILE_MOUNT} ` +
      `on every node (the node-exporter transform adds one that does)`,
  );
}

export function rulesStep(ctx: TransformContext, rulesFile: string): void {
  ctx.manual(
    `load ${rulesFile} into the metrics store with the other rule files (rule_files of Prometheus, or Mimir's ruler; the observability transform does this), ` +
      `and route severity critical to someone who is woken up`,
  );
}
