/**
 * gate/backup-verify — pre-first-client gate item 3 ends with "verify the nightly backup": a
 * backup job that silently stops (an expired token, a full bucket, a changed password) is
 * found on the day it is needed. Open for each job that ships dumps off-site while the stack
 * runs no check on them: no freshness metric of the newest dump and no scheduled restore test
 * (the services backup-verify adds, recognised by their role label).
 */
import { backupJobs } from "../../shared/backups.js";
import { isVerified } from "../../../transforms/backup-verify/detect.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "gate/backup-verify",
  severity: "error",
  summary: "Off-site backups are shipped but nothing checks that they are fresh and restorable",
  description:
    "Pre-first-client gate item 3: set the secrets, and verify the nightly backup. A job counts as verified when the stack runs " +
    "a freshness check of the bucket (an alert when no dump is newer than 26 h) and a scheduled restore test into a scratch " +
    "database — the services backup-verify adds, labelled compose-gate.role=backup-freshness and backup-restore-test. " +
    "backup-verify reads eeshugerman/postgres-backup-s3 dumps (pg_dump --format=custom, <prefix>/<database>_<time>.dump[.gpg], " +
    "EB src/backup.sh); other backup images need a restore test of their own.",
  fix: "backup-verify",
  run(ctx) {
    if (isVerified(ctx.project)) return;
    for (const job of backupJobs(ctx.project)) {
      if (job.problem !== undefined) continue;
      const other = job.kind === "s3-dump" ? "" : " (backup-verify reads eeshugerman/postgres-backup-s3 dumps only: test restores of this image yourself)";
      ctx.report({
        path: ["services", job.service],
        message: `Service "${job.service}" ships Postgres dumps off-site, but nothing checks them: no alert when the newest dump is stale and no scheduled restore test${other}`,
      });
    }
  },
});
