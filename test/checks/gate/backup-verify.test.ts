import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import backupVerify from "../../../src/transforms/backup-verify.js";
import offsiteBackup from "../../../src/transforms/offsite-backup.js";
import { runTransforms } from "../../../src/transforms/pipeline.js";
import { repoRoot, yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

const shipping = yaml`
  services:
    postgres:
      image: postgres:16.4
      environment:
        POSTGRES_DB: app
    postgres-backup:
      image: eeshugerman/postgres-backup-s3:16
      environment:
        SCHEDULE: "@daily"
        POSTGRES_HOST: postgres
        POSTGRES_DATABASE: app
        S3_BUCKET: \${OFFSITE_S3_BUCKET}
        S3_PREFIX: postgres
        S3_ACCESS_KEY_ID: \${OFFSITE_S3_ACCESS_KEY_ID}
        S3_SECRET_ACCESS_KEY: \${OFFSITE_S3_SECRET_ACCESS_KEY}
      deploy:
        restart_policy:
          condition: on-failure
`;

describe("gate/backup-verify", () => {
  it("reports a job that ships dumps off-site when nothing checks them", () => {
    const found = check(shipping, "gate/backup-verify");
    expect(lines(found)).toEqual([
      '6:3 error Service "postgres-backup" ships Postgres dumps off-site, but nothing checks them: no alert when the newest dump is stale and no scheduled restore test',
    ]);
    expect(found[0].fix).toBe("backup-verify");
  });

  it("says so when the job is of an image backup-verify does not read", () => {
    const text = yaml`
      services:
        db-backup:
          image: tiredofit/db-backup:4.1.21
          environment:
            DB01_TYPE: pgsql
            DB01_BACKUP_LOCATION: S3
            DB01_S3_BUCKET: \${OFFSITE_S3_BUCKET}
    `;
    expect(check(text, "gate/backup-verify")[0].message).toContain("backup-verify reads eeshugerman/postgres-backup-s3 dumps only");
  });

  it("says nothing about jobs that do not ship off-site (gate/offsite-backup's finding) or stacks without backups", () => {
    expect(check(shipping.replace(/ *S3_BUCKET: .*\n/, ""), "gate/backup-verify")).toEqual([]);
    expect(check("services:\n  web:\n    image: nginx:1.27\n", "gate/backup-verify")).toEqual([]);
  });

  it("passes once backup-verify has added its checkers, and the Busflow example after offsite-backup and backup-verify", () => {
    const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
    const shipped = runTransforms([{ path: "stack.yml", text: busflow }], [offsiteBackup]).files[0].after;
    expect(check(shipped, "gate/backup-verify").length).toBe(1);
    const verified = runTransforms([{ path: "stack.yml", text: shipped }], [backupVerify]).files[0].after;
    expect(check(verified, "gate/backup-verify")).toEqual([]);
  });

  it("needs both halves: a freshness check alone is not a restore test", () => {
    const half = `${shipping}    checker:\n      image: eeshugerman/postgres-backup-s3:16\n      deploy:\n        labels: [compose-gate.role=backup-freshness]\n`;
    expect(check(half, "gate/backup-verify").length).toBe(1);
  });
});
