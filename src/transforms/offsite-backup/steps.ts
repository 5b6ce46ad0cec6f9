/**
 * The words of offsite-backup's findings: what a human must do after the change (bucket,
 * credentials, a proven restore), and why some backup images are not wired automatically.
 */
import type { Location } from "../../document/compose-document.js";
import type { PostgresService } from "../shared/postgres.js";
import { manualBackup } from "../shared/manual-backup.js";
import type { TransformContext } from "../types.js";
import { r2Host, r2SetupStep, ref, VARS, type R2Options } from "./r2.js";

export interface StepContext {
  ctx: TransformContext;
  service: string;
  at: { location?: Location; service: string };
  options: R2Options;
}

/**
 * postgres-backup-s3 reads `POSTGRES_PASSWORD` from its environment only (no `_FILE`): say
 * where the value must come from, given how the database itself gets its password.
 */
function passwordStep(s: StepContext, variable: string, pg: PostgresService | undefined): void {
  const intro = `${s.service} reads the database password from ${ref(variable)} (postgres-backup-s3 has no _FILE variables)`;
  const source = pg?.password;
  let then: string;
  if (source?.kind === "literal") {
    then = `${pg!.service} has its password written in the compose file: set ${variable} to that same password at deploy, and move it out of the file (env-to-secrets)`;
  } else if (source?.kind === "file") {
    then = `${pg!.service} reads its password from ${source.path}: provide ${variable} at deploy, or let env-to-secrets read that secret in an entrypoint shim (it wraps postgres-backup-s3 in one)`;
  } else if (source?.kind === "unset") {
    then = `${pg!.service} does not set its password in the compose file: set ${variable} to the database password at deploy (the job exits when it is empty)`;
  } else {
    then = `keep ${variable} set at deploy, or let env-to-secrets move it into a Docker secret, which the job then reads through an entrypoint shim`;
  }
  s.ctx.manual(`${intro}: ${then}`, s.at);
}

/** Steps after wiring or adding an eeshugerman/postgres-backup-s3 job. */
export function s3DumpSteps(s: StepContext, passwordVariable: string | undefined, encrypted: boolean, pg?: PostgresService): void {
  s.ctx.manual(r2SetupStep(s.options, false, encrypted), s.at);
  // env-to-secrets, when it follows, moves the password and says what it leaves.
  if (passwordVariable && !s.ctx.later.includes("env-to-secrets")) passwordStep(s, passwordVariable, pg);
  if (encrypted) {
    s.ctx.manual(
      `keep a copy of ${VARS.passphrase} away from this server: dumps are GPG-encrypted with it and cannot be restored without it`,
      s.at,
    );
  }
  s.ctx.manual(
    `after deploying, run one backup now (${manualBackup(s.ctx, `<the ${s.service} container>`)}) and check that it lands under the bucket's prefix; ` +
      `then prove a restore into a scratch database — never run restore.sh inside ${s.service}: it drops and re-creates every object of POSTGRES_DATABASE on POSTGRES_HOST`,
    s.at,
  );
}

/** Steps after wiring a tiredofit/nfrastack db-backup job. */
export function dbBackupSteps(s: StepContext): void {
  s.ctx.manual(r2SetupStep(s.options, true, false), s.at);
  s.ctx.manual(
    `after deploying, check that the first dump of ${s.service} lands in the bucket, then prove a restore into a scratch database`,
    s.at,
  );
}

/** kartoza/pg-backup: its S3 variables feed s3cmd, whose mapping onto R2 is not verified here. */
export function refuseKartoza(s: StepContext, currentTarget: string | undefined): void {
  const now = currentTarget ? ` (it now uploads to ${currentTarget}, inside this stack: not off-site)` : "";
  s.ctx.refuse(
    `${s.service} runs kartoza/pg-backup, which compose-gate does not wire${now}: its upload goes through s3cmd, configured by ` +
      `STORAGE_BACKEND, HOST_BASE, HOST_BUCKET, SSL_SECURE, DEFAULT_REGION, BUCKET, ACCESS_KEY_ID and SECRET_ACCESS_KEY (kartoza docker-env.md), ` +
      `and how these map onto R2 is not verified`,
    s.at,
  );
  const host = r2Host(s.options) ?? "<ACCOUNT_ID>.r2.cloudflarestorage.com";
  s.ctx.manual(
    `wire ${s.service} by hand and test it: STORAGE_BACKEND=S3, HOST_BASE=${host}, SSL_SECURE=True, DEFAULT_REGION=${s.options.region}, ` +
      `BUCKET=${ref(VARS.bucket)}, ACCESS_KEY_ID=${ref(VARS.accessKeyId)}, SECRET_ACCESS_KEY=${ref(VARS.secretAccessKey)}, and HOST_BUCKET as s3cmd's host_bucket ` +
      `expects for this endpoint; then prove an upload and a restore`,
    s.at,
  );
}

/** prodrigestivill/postgres-backup-local when the user asked not to add a job next to it. */
export function refuseLocalOnly(s: StepContext): void {
  s.ctx.refuse(
    `${s.service} runs prodrigestivill/postgres-backup-local, which writes dumps to a local volume only (no S3 support): nothing leaves this host; ` +
      `set option localOnly to add-offsite to add an S3 job next to it`,
    s.at,
  );
}
