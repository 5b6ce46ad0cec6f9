/**
 * What backup-verify verifies and whether it already does: the stack's
 * eeshugerman/postgres-backup-s3 job that ships dumps off-site, the settings its dumps can be
 * found with (bucket, prefix, endpoint, database), the Swarm secrets its credentials come from,
 * and the services compose-gate added to check it, recognised by their role label.
 *
 * Only this image is verified: its dumps are `pg_dump --format=custom` files named
 * `<S3_PREFIX>/<POSTGRES_DATABASE>_<%Y-%m-%dT%H:%M:%S>.dump[.gpg]` (EB `src/backup.sh`), which
 * the restore test relies on. tiredofit/nfrastack db-backup names and compresses its dumps
 * differently, and is reported rather than guessed at.
 */
import type { Project } from "../../project/project.js";
import { commandItems } from "../../secrets/command-line.js";
import { parseReference } from "../../secrets/detect.js";
import { toSecretName } from "../../secrets/naming.js";
import { findBackups, type BackupService } from "../offsite-backup/detect.js";
import { VARS } from "../offsite-backup/r2.js";
import { ROLES, roleOf, type Role } from "../shared/roles.js";
import { serviceEnv } from "../shared/stack.js";

/** The services of the stack that carry `role`. */
export function servicesWithRole(project: Project, role: Role): string[] {
  return project.services().filter((s) => roleOf(project.service(s)) === role);
}

/** Verified means both halves run: the freshness metric and the scheduled restore test. */
export function isVerified(project: Project): boolean {
  return servicesWithRole(project, ROLES.freshness).length > 0 && servicesWithRole(project, ROLES.restore).length > 0;
}

/** The Swarm secrets the verification services read the job's credentials from. */
export interface CredentialSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  /** Undefined when the job does not encrypt its dumps. */
  passphrase?: string;
}

export interface VerifiedJob {
  service: string;
  image: string;
  /** The job's settings that locate its dumps, as written (`${OFFSITE_S3_BUCKET}`…), in this order. */
  settings: [string, string][];
  database: string;
  /** `POSTGRES_HOST` as written: the production database the restore test must never touch. */
  productionHost: string;
  secrets: CredentialSecrets;
}

/** The settings a job's dumps are found with; the verification services copy them verbatim. */
const LOCATING = ["S3_ENDPOINT", "S3_REGION", "S3_S3V4", "S3_BUCKET", "S3_PREFIX", "POSTGRES_DATABASE"];

/**
 * The secret a credential comes from: the variable of `${VAR}` (env-to-secrets names secrets
 * after it), the secret an entrypoint shim exports it from, else the `OFFSITE_*` default.
 */
function secretFor(value: string | null | undefined, shim: string, name: string, fallback: string): string {
  const ref = value ? parseReference(value) : undefined;
  if (ref) return toSecretName(ref.variable);
  const exported = new RegExp(`(?:^|[\\s;&|])${name}="?\\$\\$?\\(cat /run/secrets/([A-Za-z0-9_.-]+)\\)`).exec(shim);
  return exported ? exported[1] : toSecretName(fallback);
}

/** Why a job's dumps cannot be located from the file, or undefined. */
function missingSetting(env: Map<string, string | null>): string | undefined {
  const missing = ["S3_BUCKET", "S3_PREFIX", "POSTGRES_DATABASE", "POSTGRES_HOST"].filter((n) => !env.get(n));
  if (missing.length === 0) return undefined;
  return `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set, so its dumps cannot be located (run offsite-backup first)`;
}

export type JobChoice = { ok: true; job: VerifiedJob } | { ok: false; reason: string; none?: boolean };

/** Reads what verifying an eeshugerman job needs, or why it cannot be verified. */
function describeJob(project: Project, backup: BackupService): JobChoice {
  const env = serviceEnv(project, backup.service);
  const missing = missingSetting(env);
  if (missing) return { ok: false, reason: `${backup.service}: ${missing}` };
  const def = project.service(backup.service);
  const shim = [...commandItems(def?.entrypoint), ...commandItems(def?.command)].join("\n");
  const passphrase = env.get("PASSPHRASE") || new RegExp(`(?:^|[\\s;&|])PASSPHRASE=`).test(shim);
  return {
    ok: true,
    job: {
      service: backup.service,
      image: backup.image,
      settings: LOCATING.filter((n) => env.get(n)).map((n) => [n, env.get(n)!]),
      database: env.get("POSTGRES_DATABASE")!,
      productionHost: env.get("POSTGRES_HOST")!,
      secrets: {
        accessKeyId: secretFor(env.get("S3_ACCESS_KEY_ID"), shim, "S3_ACCESS_KEY_ID", VARS.accessKeyId),
        secretAccessKey: secretFor(env.get("S3_SECRET_ACCESS_KEY"), shim, "S3_SECRET_ACCESS_KEY", VARS.secretAccessKey),
        ...(passphrase ? { passphrase: secretFor(env.get("PASSPHRASE"), shim, "PASSPHRASE", VARS.passphrase) } : {}),
      },
    },
  };
}

/**
 * The one off-site dump job to verify: the service named by the option, or the only
 * eeshugerman job of the stack. Other backup images are named in the reason.
 */
export function chooseJob(project: Project, wanted: string): JobChoice {
  const backups = findBackups(project);
  const dumps = backups.filter((b) => b.kind === "s3-dump");
  if (wanted) {
    const found = dumps.find((b) => b.service === wanted);
    if (found) return describeJob(project, found);
    return { ok: false, reason: `service "${wanted}" (option backupService) is not an eeshugerman/postgres-backup-s3 job of this stack` };
  }
  if (dumps.length === 1) return describeJob(project, dumps[0]);
  if (dumps.length > 1) return { ok: false, reason: `several postgres-backup-s3 jobs (${dumps.map((b) => b.service).join(", ")}); name one with option backupService` };
  const others = backups.filter((b) => b.kind === "db-backup" || b.kind === "kartoza");
  if (others.length > 0) {
    return {
      ok: false,
      reason:
        `${others.map((b) => `${b.service} (${b.image})`).join(", ")} ships dumps that backup-verify does not read: it verifies ` +
        `eeshugerman/postgres-backup-s3 dumps (pg_dump --format=custom, named <prefix>/<database>_<time>.dump[.gpg])`,
    };
  }
  return { ok: false, none: true, reason: "no off-site backup job (eeshugerman/postgres-backup-s3) in this stack: nothing to verify" };
}
