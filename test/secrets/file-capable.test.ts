import { describe, expect, it } from "vitest";
import { FILE_CAPABLE_IMAGES, IMAGES_WITHOUT_FILE, fileVariableFor, knownWithoutFile } from "../../src/secrets/file-capable.js";

describe("fileVariableFor", () => {
  it("knows the official images' documented variables only", () => {
    expect(fileVariableFor("postgres:16", "POSTGRES_PASSWORD")).toBe("POSTGRES_PASSWORD_FILE");
    expect(fileVariableFor("docker.io/library/postgres:16-alpine", "POSTGRES_INITDB_ARGS")).toBe("POSTGRES_INITDB_ARGS_FILE");
    expect(fileVariableFor("postgres:16", "PGPASSWORD")).toBeUndefined();
    expect(fileVariableFor("mariadb:11", "MARIADB_ROOT_PASSWORD")).toBe("MARIADB_ROOT_PASSWORD_FILE");
    expect(fileVariableFor("mariadb:11", "MYSQL_PASSWORD")).toBe("MYSQL_PASSWORD_FILE");
    expect(fileVariableFor("mysql:8", "MARIADB_PASSWORD")).toBeUndefined();
    expect(fileVariableFor("wordpress:6", "WORDPRESS_DB_PASSWORD")).toBe("WORDPRESS_DB_PASSWORD_FILE");
    expect(fileVariableFor("minio/minio:RELEASE.2025-02-28T09-55-16Z", "MINIO_ROOT_PASSWORD")).toBe("MINIO_ROOT_PASSWORD_FILE");
    expect(fileVariableFor("quay.io/prometheuscommunity/postgres-exporter:v0.20.1", "DATA_SOURCE_PASS")).toBe("DATA_SOURCE_PASS_FILE");
    expect(fileVariableFor("quay.io/prometheuscommunity/postgres-exporter:v0.20.1", "DATA_SOURCE_NAME")).toBeUndefined();
    expect(fileVariableFor("prodrigestivill/postgres-backup-local:16", "POSTGRES_PASSWORD")).toBe("POSTGRES_PASSWORD_FILE");
    expect(fileVariableFor("tiredofit/db-backup:4.1.21", "DB01_PASS")).toBe("DB01_PASS_FILE");
    expect(fileVariableFor("tiredofit/db-backup:4.1.21", "DEFAULT_S3_KEY_SECRET")).toBe("DEFAULT_S3_KEY_SECRET_FILE");
    // The legacy single-job names are transformed too (transform_file_var … DB_PASS … S3_KEY_SECRET).
    expect(fileVariableFor("tiredofit/db-backup:4.1.21", "DB_PASS")).toBe("DB_PASS_FILE");
    expect(fileVariableFor("tiredofit/db-backup:4.1.21", "DB_PASSWORD")).toBeUndefined();
    expect(fileVariableFor("mariadb:11", "MARIADB_REPLICATION_PASSWORD")).toBe("MARIADB_REPLICATION_PASSWORD_FILE");
  });

  it("gives Grafana its double underscore", () => {
    expect(fileVariableFor("grafana/grafana:12.3.1", "GF_SECURITY_ADMIN_PASSWORD")).toBe("GF_SECURITY_ADMIN_PASSWORD__FILE");
    expect(fileVariableFor("grafana/grafana:12.3.1", "ADMIN_PASSWORD")).toBeUndefined();
    // The table wins over the option: declaring Grafana file-capable does not turn __FILE into _FILE.
    expect(fileVariableFor("grafana/grafana", "GF_SECURITY_ADMIN_PASSWORD", ["grafana/grafana"])).toBe("GF_SECURITY_ADMIN_PASSWORD__FILE");
  });

  it("treats images declared by option as reading <NAME>_FILE for any variable", () => {
    expect(fileVariableFor("ghcr.io/busflow/functions:1.4.2", "STRIPE_SECRET_KEY")).toBeUndefined();
    expect(fileVariableFor("ghcr.io/busflow/functions:1.4.2", "STRIPE_SECRET_KEY", ["ghcr.io/busflow/functions"])).toBe("STRIPE_SECRET_KEY_FILE");
  });

  it("reads nothing for images without _FILE support or unknown ones", () => {
    expect(fileVariableFor("hasura/graphql-engine:v2.40.0", "HASURA_GRAPHQL_ADMIN_SECRET")).toBeUndefined();
    expect(fileVariableFor("nhost/storage:0.7.2", "S3_SECRET_KEY")).toBeUndefined();
    expect(fileVariableFor(undefined, "POSTGRES_PASSWORD")).toBeUndefined();
    expect(fileVariableFor("$PG_IMAGE", "POSTGRES_PASSWORD")).toBeUndefined();
    expect(knownWithoutFile("hasura/graphql-engine:v2.40.0")?.shell).toBe("yes");
    expect(knownWithoutFile("nhost/auth:0.36.1")?.shell).toBe("none");
    expect(knownWithoutFile("nhost/hasura-auth:0.20.0")?.shell).toBe("unknown");
    expect(knownWithoutFile("postgres:16")).toBeUndefined();
  });

  it("reads lego's DNS-provider credentials through Traefik, and nothing else of Traefik's", () => {
    expect(fileVariableFor("traefik:v3.1", "CF_DNS_API_TOKEN")).toBe("CF_DNS_API_TOKEN_FILE");
    expect(fileVariableFor("traefik:v3.1", "CLOUDFLARE_DNS_API_TOKEN")).toBe("CLOUDFLARE_DNS_API_TOKEN_FILE");
    expect(fileVariableFor("docker.io/library/traefik:v2.11", "HETZNER_API_KEY")).toBe("HETZNER_API_KEY_FILE");
    expect(fileVariableFor("traefik:v3.1", "DO_AUTH_TOKEN")).toBe("DO_AUTH_TOKEN_FILE");
    // Route 53's keys are read by the AWS SDK, which knows no _FILE variant.
    expect(fileVariableFor("traefik:v3.1", "AWS_SECRET_ACCESS_KEY")).toBeUndefined();
    expect(fileVariableFor("traefik:v3.1", "TRAEFIK_PILOT_TOKEN")).toBeUndefined();
  });

  it("knows what the shimmed images start, from their Dockerfiles", () => {
    expect(knownWithoutFile("hasura/graphql-engine:v2.40.0")?.start).toMatchObject({ entrypoint: [], cmd: ["/bin/sh", "-c", '"${HGE_BINARY}" serve'] });
    expect(knownWithoutFile("eeshugerman/postgres-backup-s3:16")?.start).toMatchObject({ entrypoint: [], cmd: ["sh", "run.sh"] });
    for (const row of IMAGES_WITHOUT_FILE) {
      if (row.start) expect(row.shell, row.repositories[0]).toBe("yes");
      if (row.start) expect(row.start.source).toMatch(/Dockerfile @ [0-9a-f]{8}/);
    }
  });

  it("every row names its source", () => {
    for (const row of FILE_CAPABLE_IMAGES) {
      expect(row.source).toMatch(/\S{10,}/);
      // Public sources only: an upstream file or a URL, never a research note of this project.
      expect(row.source).not.toMatch(/domain\.md|§/);
    }
    for (const row of IMAGES_WITHOUT_FILE) expect(row.note).toMatch(/\(.+\)/);
  });
});
