/**
 * The three services that verify the off-site dumps, and the top-level entries they use:
 *
 * - `backup-verify-freshness` lists the bucket every few minutes and writes the newest dump's
 *   upload time and size as node_exporter textfile metrics (a long-running service: the
 *   freshness alert must see every new dump within the two hours its 26 h threshold leaves);
 * - `backup-verify-restore`, a `replicated-job`, restores the newest dump into the scratch
 *   server, runs sanity queries and drops the database; Swarm runs a job when it is created or
 *   updated (docker/docs `engine/swarm/swarm-jobs.md`), so a scheduled workflow re-runs it;
 * - `backup-verify-db` is that scratch server: the production database's own image (same
 *   major, same extensions), on an internal network only the restore job joins.
 *
 * Both checkers run the backup job's image (it has aws-cli, gnupg and the Postgres client of
 * the job's major) with the script as a Swarm config. Neither is on the production database's
 * network nor holds its password: the restore job can reach only the scratch server.
 */
import { createHash } from "node:crypto";
import type { ComposeDocument } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import { parseImage } from "../../image/reference.js";
import { TEXTFILE_DIR, TEXTFILE_VOLUME } from "../node-exporter/service.js";
import { majorFromTag, scanPostgres } from "../shared/postgres.js";
import { environmentBlock, freeServiceName, preferredEnvForm } from "../shared/stack.js";
import { ROLE_LABEL, ROLES, type Role } from "../shared/roles.js";
import { servicesWithRole, type VerifiedJob } from "./detect.js";

/** Where the script is mounted in both checkers (the image keeps its own scripts in `/`, EB Dockerfile). */
export const SCRIPT_TARGET = "/backup-verify.sh";
export const NETWORK = "backup-verify";
export const CONFIG = "backup-verify-script";
/** The scratch server's password, a new random value (never the production password). */
export const SCRATCH_SECRET = "backup_verify_db_password";

export interface ServiceNames {
  freshness: string;
  restore: string;
  scratch: string;
}

export interface Settings {
  checkInterval: number;
  minTables: number;
}

/** The scratch server's image: the production database's, or why it cannot be chosen. */
export function scratchImage(project: Project, job: VerifiedJob, option: string): { image: string } | { reason: string } {
  if (option) return { image: option };
  const pg = scanPostgres(project).known.find((p) => p.service === job.productionHost);
  if (!pg) {
    return { reason: `POSTGRES_HOST of ${job.service} (${job.productionHost}) is not a Postgres service of this stack whose image compose-gate reads; set option scratchImage to a postgres image of the database's major` };
  }
  if (pg.flavor !== "official") return { reason: `${pg.service} runs ${pg.image}, whose environment differs from the official postgres image; set option scratchImage` };
  if (majorFromTag(parseImage(pg.image).tag) === undefined) {
    return { reason: `the image ${pg.image} of ${pg.service} does not pin a major version, so a scratch server cannot be sure to run the same one; pin its tag or set option scratchImage` };
  }
  return { image: pg.image };
}

/** The services already playing each role, or free names for new ones (numbered when taken). */
export function serviceNames(project: Project): ServiceNames {
  const name = (role: Role, base: string) => servicesWithRole(project, role)[0] ?? freeServiceName(project, base);
  return {
    freshness: name(ROLES.freshness, "backup-verify-freshness"),
    restore: name(ROLES.restore, "backup-verify-restore"),
    scratch: name(ROLES.scratch, "backup-verify-db"),
  };
}

/** A short, stable digest of the script: Swarm configs cannot change, so a new script gets a new name. */
export function configName(script: string): string {
  return `${CONFIG}-${createHash("sha256").update(script).digest("hex").slice(0, 12)}`;
}

const credentials = (job: VerifiedJob) => [
  { source: job.secrets.accessKeyId, target: "s3_access_key_id" },
  { source: job.secrets.secretAccessKey, target: "s3_secret_access_key" },
];

const scriptConfig = [{ source: CONFIG, target: SCRIPT_TARGET }];
const textfileMount = `${TEXTFILE_VOLUME}:${TEXTFILE_DIR}`;
const labels = (role: string) => [`${ROLE_LABEL}=${role}`];

export function freshnessService(doc: ComposeDocument, job: VerifiedJob, s: Settings): Record<string, unknown> {
  return {
    image: job.image,
    command: ["sh", SCRIPT_TARGET, "freshness"],
    environment: environmentBlock([...job.settings, ["CHECK_INTERVAL", String(s.checkInterval)]], preferredEnvForm(doc)),
    configs: scriptConfig,
    secrets: credentials(job),
    volumes: [textfileMount],
    deploy: { labels: labels(ROLES.freshness) },
  };
}

export function restoreService(doc: ComposeDocument, job: VerifiedJob, names: ServiceNames, s: Settings): Record<string, unknown> {
  const env: [string, string][] = [...job.settings, ["PRODUCTION_HOST", job.productionHost], ["SCRATCH_HOST", names.scratch]];
  if (s.minTables !== 1) env.push(["MIN_TABLES", String(s.minTables)]);
  return {
    image: job.image,
    command: ["sh", SCRIPT_TARGET, "restore"],
    environment: environmentBlock(env, preferredEnvForm(doc)),
    configs: scriptConfig,
    secrets: [
      ...credentials(job),
      ...(job.secrets.passphrase ? [{ source: job.secrets.passphrase, target: "passphrase" }] : []),
      { source: SCRATCH_SECRET, target: "scratch_password" },
    ],
    volumes: [textfileMount],
    // The internal network reaches the scratch server; the default one reaches the bucket.
    networks: [NETWORK, "default"],
    deploy: {
      mode: "replicated-job",
      // A failed test is a result to report, not a task to retry until it passes.
      restart_policy: { condition: "none" },
      labels: labels(ROLES.restore),
    },
  };
}

export function scratchService(doc: ComposeDocument, image: string): Record<string, unknown> {
  return {
    image,
    environment: environmentBlock([["POSTGRES_PASSWORD_FILE", `/run/secrets/${SCRATCH_SECRET}`]], preferredEnvForm(doc)),
    secrets: [SCRATCH_SECRET],
    networks: [NETWORK],
    deploy: { labels: labels(ROLES.scratch) },
  };
}

/** The top-level entries the services use, each added only when missing. */
export function topLevel(job: VerifiedJob, scriptPath: string, script: string): [string[], unknown][] {
  const secrets = [job.secrets.accessKeyId, job.secrets.secretAccessKey, ...(job.secrets.passphrase ? [job.secrets.passphrase] : []), SCRATCH_SECRET];
  return [
    // Internal: a restored copy of production data has no way out of it.
    [["networks", NETWORK], { driver: "overlay", internal: true }],
    // A fixed name, so a node_exporter deployed in another stack on the node reads the same volume.
    [["volumes", TEXTFILE_VOLUME], { name: TEXTFILE_VOLUME }],
    [["configs", CONFIG], { name: configName(script), file: `./${scriptPath}` }],
    ...secrets.map((s): [string[], unknown] => [["secrets", s], { external: true }]),
  ];
}
