/**
 * gate/offsite-backup — pre-first-client gate item 3: the Postgres data must be dumped to
 * storage outside the stack. Open for each Postgres server that no backup job ships off-site:
 * reported at the job that falls short (and why), or at the server when no job backs it up.
 */
import { backupJobs, jobsFor, type BackupJob } from "../../shared/backups.js";
import { postgresServers } from "../../shared/postgres-helpers.js";
import { defineRule } from "../../types.js";

function shortfall(job: BackupJob, postgres: string): string {
  return `Service "${job.service}" (${job.image}) backs up "${postgres}" but does not ship the dumps off-site: ${job.problem}`;
}

export default defineRule({
  id: "gate/offsite-backup",
  severity: "error",
  summary: "A Postgres server has no backup job that ships dumps to off-site S3-compatible storage",
  description:
    "Pre-first-client gate item 3: a backup that lives on the same host or volume as the database is lost with it. " +
    "A Postgres server counts as covered when a backup job serving it (POSTGRES_HOST / DBnn_HOST names it, or names no " +
    "host) has a complete S3 target outside the stack: eeshugerman/postgres-backup-s3 needs S3_BUCKET, S3_PREFIX " +
    "(backup.sh runs under `set -eu`), S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (eeshugerman/postgres-backup-s3 README); tiredofit/db-backup " +
    "needs BACKUP_LOCATION=S3 and an S3 bucket (tiredofit/docker-db-backup README); kartoza/pg-backup needs STORAGE_BACKEND=S3 and BUCKET. " +
    "prodrigestivill/postgres-backup-local keeps dumps on the host (prodrigestivill/docker-postgres-backup-local README). ${VAR} values count as set; a secret " +
    "delivered as NAME_FILE or exported by an entrypoint shim counts too.",
  fix: "offsite-backup",
  run(ctx) {
    const jobs = backupJobs(ctx.project);
    for (const postgres of postgresServers(ctx.project)) {
      const serving = jobsFor(jobs, postgres);
      if (serving.some((j) => j.problem === undefined)) continue;
      const job = serving[0];
      if (job) {
        ctx.report({ path: ["services", job.service], message: shortfall(job, postgres) });
      } else {
        ctx.report({
          path: ["services", postgres],
          message: `Postgres service "${postgres}" has no backup job that ships dumps to off-site S3-compatible storage`,
        });
      }
    }
  },
});
