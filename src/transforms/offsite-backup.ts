/**
 * Gate item 3: nightly Postgres dumps that leave the host, to a Cloudflare R2 bucket.
 *
 * A backup job already in the stack is wired to the `OFFSITE_S3_*` variables
 * (eeshugerman/postgres-backup-s3, tiredofit/nfrastack db-backup). A local-only job
 * (prodrigestivill/postgres-backup-local) keeps its local dumps and gets an S3 job next to it.
 * kartoza/pg-backup is reported, not wired. With no job at all, one is added. See
 * docs/transforms/offsite-backup.md for every default and its source.
 */
import { z } from "zod";
import { deployTarget } from "./shared/stack.js";
import { targetOption } from "./shared/target-option.js";
import { defineTransform } from "./types.js";
import { addS3Dump } from "./offsite-backup/add.js";
import { findBackups } from "./offsite-backup/detect.js";
import { refuseLocalOnly } from "./offsite-backup/steps.js";
import { refuseKartozaJob, wireDbBackup, wireS3Dump } from "./offsite-backup/wire.js";
import { locateService } from "./shared/stack.js";

const options = z.object({
  target: targetOption,
  postgresService: z.string().default("").describe("The Postgres service to back up; empty = the only Postgres service of the stack"),
  postgresMajor: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe("Postgres major version of the database when its image tag does not say (0 = read it from the tag)"),
  serviceName: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/)
    .default("postgres-backup")
    .describe("Name of the backup service added when the stack has none (`<name>-offsite` when the name is taken)"),
  image: z
    .string()
    .default("")
    .describe("Image of an added backup service; empty = eeshugerman/postgres-backup-s3:<the database's major>, tags 12–16 (https://hub.docker.com/r/eeshugerman/postgres-backup-s3/tags)"),
  account: z
    .string()
    .regex(/^([a-zA-Z0-9-]{1,63})?$/)
    .default("")
    .describe("Cloudflare account id: builds the R2 endpoint into the file; empty = read it from OFFSITE_S3_ENDPOINT at deploy (https://developers.cloudflare.com/r2/api/s3/api/)"),
  jurisdiction: z
    .enum(["default", "eu", "us"])
    .default("default")
    .describe("R2 jurisdiction of the bucket: eu and us buckets use <account>.eu./.us.r2.cloudflarestorage.com (https://developers.cloudflare.com/r2/reference/data-location/)"),
  region: z.string().min(1).default("auto").describe("S3 region: R2 ignores it but the SDK needs one, and R2 documents `auto` (https://developers.cloudflare.com/r2/api/s3/api/)"),
  prefix: z
    .string()
    .regex(/^[a-zA-Z0-9._/-]+$/)
    .default("postgres")
    .describe("Key prefix in the bucket, the default of ${OFFSITE_S3_PREFIX:-…}; postgres-backup-s3 requires one (eeshugerman/postgres-backup-s3 README)"),
  schedule: z.string().min(1).default("@daily").describe("SCHEDULE of postgres-backup-s3 (go-cron); `@daily` is documented, 5-field cron is unverified (eeshugerman/postgres-backup-s3 README)"),
  keepDays: z.number().int().positive().default(14).describe("Days of dumps to keep in the bucket (BACKUP_KEEP_DAYS; DBnn_CLEANUP_TIME in minutes for db-backup)"),
  encrypt: z.boolean().default(true).describe("Encrypt postgres-backup-s3 dumps with GPG via PASSPHRASE=${OFFSITE_BACKUP_PASSPHRASE} (unset = not encrypted)"),
  localOnly: z
    .enum(["add-offsite", "refuse"])
    .default("add-offsite")
    .describe("When the only job is prodrigestivill/postgres-backup-local (no S3): add an S3 job next to it, or only report it"),
});

export default defineTransform({
  id: "offsite-backup",
  title: "Off-site Postgres backups to Cloudflare R2",
  summary: "Wire (or add) a nightly Postgres backup job that uploads to an R2 bucket through OFFSITE_S3_* variables",
  closes: "gate/offsite-backup",
  options,
  apply(ctx, o) {
    const backups = findBackups(ctx.project);
    for (const backup of backups) {
      if (backup.kind === "s3-dump") wireS3Dump(ctx, backup, o);
      else if (backup.kind === "db-backup") wireDbBackup(ctx, backup, o);
      else if (backup.kind === "kartoza") refuseKartozaJob(ctx, backup, o);
    }
    // A job that can upload (even one refused above) is where off-site backups belong; add one only when none exists.
    if (backups.some((b) => b.kind !== "local")) return;
    const local = backups.filter((b) => b.kind === "local");
    if (local.length > 0 && o.localOnly === "refuse") {
      for (const job of local) refuseLocalOnly({ ctx, service: job.service, at: locateService(ctx.project, job.service), options: o });
      return;
    }
    addS3Dump(ctx, o, deployTarget(ctx.project, o.target), local);
  },
});
