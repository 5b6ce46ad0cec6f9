import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

const postgres = yaml`
  services:
    postgres:
      image: postgres:16.4
      environment:
        POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
`;

/** The Postgres service above plus more services (written at service level, indented here). */
function withPostgres(services: string): string {
  return `${postgres}${services.replace(/^(?=.)/gm, "  ")}`;
}

describe("gate/offsite-backup", () => {
  it("reports a Postgres server without any backup job at its service key", () => {
    const found = check(postgres, "gate/offsite-backup");
    expect(lines(found)).toEqual(['2:3 error Postgres service "postgres" has no backup job that ships dumps to off-site S3-compatible storage']);
    expect(found[0].fix).toBe("offsite-backup");
  });

  it("reports a half-configured job at the job, naming what is missing", () => {
    const text = withPostgres(yaml`
        postgres-backup:
          image: eeshugerman/postgres-backup-s3:16
          environment:
            SCHEDULE: "@daily"
            POSTGRES_HOST: postgres
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
            S3_BUCKET: \${OFFSITE_S3_BUCKET}
    `);
    expect(lines(check(text, "gate/offsite-backup"))).toEqual([
      '6:3 error Service "postgres-backup" (eeshugerman/postgres-backup-s3:16) backs up "postgres" but does not ship the dumps off-site: S3_PREFIX, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not set',
    ]);
  });

  it("reports a target inside the stack, and a local-only job", () => {
    const text = withPostgres(yaml`
        minio:
          image: minio/minio:RELEASE.2025-02-28T09-55-16Z
        backup-s3:
          image: eeshugerman/postgres-backup-s3:16
          environment:
            S3_ENDPOINT: http://minio:9000
            S3_BUCKET: backups
            S3_PREFIX: postgres
            S3_ACCESS_KEY_ID: \${MINIO_ROOT_USER}
            S3_SECRET_ACCESS_KEY: \${MINIO_ROOT_PASSWORD}
        backup-local:
          image: prodrigestivill/postgres-backup-local:16
    `);
    expect(lines(check(text, "gate/offsite-backup"))).toEqual([
      '8:3 error Service "backup-s3" (eeshugerman/postgres-backup-s3:16) backs up "postgres" but does not ship the dumps off-site: S3_ENDPOINT points at a service of this stack, not off-site',
    ]);
  });

  it("passes a complete off-site job, with the secret key delivered by an entrypoint shim", () => {
    const text = withPostgres(yaml`
        postgres-backup:
          image: eeshugerman/postgres-backup-s3:16
          entrypoint: ["/bin/sh", "-c"]
          command: ['export S3_SECRET_ACCESS_KEY="$$(cat /run/secrets/offsite_s3_secret_access_key)"; exec sh run.sh']
          environment:
            POSTGRES_HOST: postgres
            S3_ENDPOINT: \${OFFSITE_S3_ENDPOINT}
            S3_REGION: auto
            S3_BUCKET: \${OFFSITE_S3_BUCKET}
            S3_PREFIX: \${OFFSITE_S3_PREFIX:-postgres}
            S3_ACCESS_KEY_ID: \${OFFSITE_S3_ACCESS_KEY_ID}
    `);
    expect(check(text, "gate/offsite-backup")).toEqual([]);
  });

  it("passes tiredofit/db-backup jobs that go to S3", () => {
    const text = withPostgres(yaml`
        db-backup:
          image: tiredofit/db-backup:4.1.21
          environment:
            DB01_TYPE: pgsql
            DB01_HOST: postgres
            DB01_BACKUP_LOCATION: S3
            DB01_S3_BUCKET_FILE: /run/secrets/offsite_bucket
            DB01_S3_HOST: account.r2.cloudflarestorage.com
    `);
    expect(check(text, "gate/offsite-backup")).toEqual([]);
  });

  it("counts a job only for the server it backs up", () => {
    const text = yaml`
      services:
        main-db:
          image: postgres:16.4
        audit-db:
          image: postgres:16.4
        backup:
          image: eeshugerman/postgres-backup-s3:16
          environment:
            POSTGRES_HOST: main-db
            S3_BUCKET: b
            S3_PREFIX: p
            S3_ACCESS_KEY_ID: \${K}
            S3_SECRET_ACCESS_KEY: \${S}
    `;
    expect(lines(check(text, "gate/offsite-backup"))).toEqual([
      '4:3 error Postgres service "audit-db" has no backup job that ships dumps to off-site S3-compatible storage',
    ]);
  });

  it("passes stacks without Postgres", () => {
    expect(check("services:\n  web:\n    image: nginx:1.27\n", "gate/offsite-backup")).toEqual([]);
  });
});
