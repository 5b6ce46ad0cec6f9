/**
 * `check` on the Busflow example lists the open items of the pre-first-client gate, each at
 * the node a reviewer would look at, with the transform that closes it; and a stack in the
 * shape the gate asks for passes every gate rule.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/index.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { repoRoot, yaml } from "../_utils.js";
import { dockerAvailable, projectOf, stackConfig } from "./_helpers.js";

const file = "docker-compose.production.yml";
const text = readFileSync(path.join(repoRoot, "examples/busflow", file), "utf8");
const specFile = "docker-compose.observability.yml";
const spec = readFileSync(path.join(repoRoot, "examples/busflow", specFile), "utf8");

/** The stack with its observability stack beside it, as the folder is deployed. */
function withSpec(app: Project, obs = spec): Project {
  return new Project([...app.docs], { companions: new Map([["observability", parseCompose(obs, { filename: specFile })]]) });
}

describe("check on the Busflow production stack", () => {
  const { findings } = runChecks(withSpec(projectOf([{ name: file, text }])));
  const gate = findings.filter((f) => f.ruleId.startsWith("gate/"));

  it("lists every open gate item with its fix", () => {
    const summary = gate
      .filter((f) => f.ruleId !== "gate/plaintext-secret")
      .map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.service} -> ${f.fix}`);
    expect(summary).toEqual([
      "docker-compose.production.yml:39:3 error gate/postgres-exporter postgres -> postgres-exporter",
      "docker-compose.production.yml:47:9 error gate/volume-autoresize postgres -> volume-autoresize",
      "docker-compose.production.yml:47:9 error gate/volume-monitoring postgres -> node-exporter",
      "docker-compose.production.yml:136:3 error gate/minio minio -> drop-minio",
      "docker-compose.production.yml:185:3 error gate/offsite-backup postgres-backup -> offsite-backup",
      "docker-compose.observability.yml:7:1 error gate/observability undefined -> observability",
      "docker-compose.observability.yml:8:3 error gate/observability mimir -> observability",
      "docker-compose.observability.yml:17:3 error gate/observability loki -> observability",
      "docker-compose.observability.yml:31:3 error gate/observability grafana -> observability",
    ]);
    expect(gate.find((f) => f.ruleId === "gate/offsite-backup")?.message).toBe(
      'Service "postgres-backup" (eeshugerman/postgres-backup-s3:16) backs up "postgres" but does not ship the dumps off-site: S3_BUCKET, S3_PREFIX, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not set',
    );
  });

  it("reports every plaintext secret: the literal one as an error, references as warnings", () => {
    const secrets = gate.filter((f) => f.ruleId === "gate/plaintext-secret").map((f) => `${f.line} ${f.severity} ${f.service} ${f.message.split(" ")[2]}`);
    expect(secrets).toEqual([
      "43 warning postgres POSTGRES_PASSWORD",
      "62 warning graphql HASURA_GRAPHQL_DATABASE_URL",
      "63 warning graphql HASURA_GRAPHQL_ADMIN_SECRET",
      "64 warning graphql HASURA_GRAPHQL_JWT_SECRET",
      "86 warning auth POSTGRES_CONNECTION",
      "88 warning auth HASURA_GRAPHQL_ADMIN_SECRET",
      "89 warning auth HASURA_GRAPHQL_JWT_SECRET",
      "93 warning auth AUTH_SMTP_PASS",
      "116 warning storage HASURA_GRAPHQL_ADMIN_SECRET",
      "118 warning storage S3_ACCESS_KEY",
      "119 warning storage S3_SECRET_KEY",
      "124 warning storage POSTGRES_MIGRATIONS_SOURCE",
      "141 warning minio MINIO_ROOT_PASSWORD",
      "159 warning minio-init MINIO_ROOT_PASSWORD",
      "170 warning functions HASURA_GRAPHQL_ADMIN_SECRET",
      "171 warning functions STRIPE_SECRET_KEY",
      "172 error functions WEBHOOK_SIGNING_SECRET",
      "192 warning postgres-backup POSTGRES_PASSWORD",
    ]);
    expect(JSON.stringify(findings)).not.toContain("whsec_4f9a1c2e8b7d6a5f3e2d1c0b");
  });

  it("finds no Swarm error in a file docker stack config accepts", () => {
    expect(findings.filter((f) => f.ruleId.startsWith("swarm/") && f.severity === "error")).toEqual([]);
    if (dockerAvailable) expect(stackConfig([{ name: file, text }])).toMatchObject({ ok: true });
  });

  it("reports the security findings a reviewer expects", () => {
    expect(findings.filter((f) => f.ruleId.startsWith("security/")).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`)).toEqual([
      "26:9 warning security/port-all-interfaces",
      "28:9 warning security/docker-socket",
    ]);
  });
});

describe("a stack in the shape the gate asks for", () => {
  const target = yaml`
    services:
      postgres:
        image: postgres:16.4
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
        secrets: [postgres_password]
        volumes:
          - /mnt/HC_Volume_100234/postgres:/var/lib/postgresql/data
      storage:
        image: nhost/storage:0.7.2
        environment:
          S3_ENDPOINT: https://fsn1.your-objectstorage.com
          S3_BUCKET: busflow-files
          S3_ACCESS_KEY: \${S3_ACCESS_KEY}
          S3_SECRET_KEY: \${S3_SECRET_KEY}
      postgres-backup:
        image: eeshugerman/postgres-backup-s3:16
        entrypoint: ["/bin/sh", "-c"]
        command:
          - >-
            export POSTGRES_PASSWORD="$$(cat /run/secrets/postgres_password)"
            S3_ACCESS_KEY_ID="$$(cat /run/secrets/offsite_s3_access_key_id)"
            S3_SECRET_ACCESS_KEY="$$(cat /run/secrets/offsite_s3_secret_access_key)";
            exec sh run.sh
        environment:
          SCHEDULE: "@daily"
          POSTGRES_HOST: postgres
          S3_ENDPOINT: \${OFFSITE_S3_ENDPOINT}
          S3_BUCKET: \${OFFSITE_S3_BUCKET}
          S3_PREFIX: \${OFFSITE_S3_PREFIX:-postgres}
        secrets: [postgres_password, offsite_s3_access_key_id, offsite_s3_secret_access_key]
      # The backups checked: freshness metrics and a scheduled restore test (backup-verify).
      backup-verify-freshness:
        image: eeshugerman/postgres-backup-s3:16
        command: ["sh", "/backup-verify.sh", "freshness"]
        deploy:
          labels: [compose-gate.role=backup-freshness]
      backup-verify-restore:
        image: eeshugerman/postgres-backup-s3:16
        command: ["sh", "/backup-verify.sh", "restore"]
        deploy:
          mode: replicated-job
          restart_policy:
            condition: none
          labels: [compose-gate.role=backup-restore-test]
      node-exporter:
        image: quay.io/prometheus/node-exporter:v1.12.1
        command: ["--path.rootfs=/host"]
        volumes:
          - /:/host:ro,rslave
        deploy:
          mode: global
      postgres-exporter:
        image: quay.io/prometheuscommunity/postgres-exporter:v0.20.1
        environment:
          DATA_SOURCE_URI: postgres:5432/postgres?sslmode=disable
          DATA_SOURCE_USER: postgres
          DATA_SOURCE_PASS_FILE: /run/secrets/postgres_password
        secrets: [postgres_password]
    secrets:
      postgres_password:
        external: true
        name: postgres_password_v1
      offsite_s3_access_key_id:
        external: true
        name: offsite_s3_access_key_id_v1
      offsite_s3_secret_access_key:
        external: true
        name: offsite_s3_secret_access_key_v1
  `;

  // The observability stack beside it, in the shape the observability transform leaves it.
  const observability = yaml`
    services:
      prometheus:
        image: quay.io/prometheus/prometheus:v3.14.0
        configs:
          - {source: rules_volume_usage, target: /etc/prometheus/rules/volume-usage.yml}
      alertmanager:
        image: quay.io/prometheus/alertmanager:v0.34.0
      loki:
        image: grafana/loki:3.6.3
      alloy:
        image: grafana/alloy:v1.12.1
      grafana:
        image: grafana/grafana:12.3.1
        configs:
          - {source: grafana_datasources, target: /etc/grafana/provisioning/datasources/compose-gate.yml}
    configs:
      rules_volume_usage:
        file: ./prometheus/rules/volume-usage.yml
      grafana_datasources:
        file: ./observability/grafana/provisioning/datasources/compose-gate.yml
  `;

  it("has no gate error and no Swarm finding, and docker stack config accepts it", () => {
    // The repository holds the resize workflow volume-autoresize writes for the Postgres volume.
    const workflow = "jobs:\n  resize:\n    steps:\n      - run: bash scripts/volume-autoresize.sh 100234=/mnt/HC_Volume_100234\n";
    const files = { read: (p: string) => (p === ".github/workflows/volume-autoresize.yml" ? workflow : undefined), list: () => ["volume-autoresize.yml"] };
    const { findings } = runChecks(withSpec(projectOf(target), observability), { rules: ["gate/*", "swarm/*"], files });
    // What stays open is what no transform can close: nhost/storage reads no _FILE variable and
    // probably has no shell for a shim (domain.md §1.5), so its keys remain warnings. The
    // runtime settings the gate does not ask for (swarm-hardening's) are one line each.
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.service} ${f.message.split(" ")[2]}`)).toEqual([
      "info swarm/log-rotation undefined sets",
      "info swarm/resource-limits undefined sets",
      "warning swarm/update-config undefined sets",
      "warning gate/plaintext-secret storage S3_ACCESS_KEY",
      "warning gate/plaintext-secret storage S3_SECRET_KEY",
    ]);
    if (dockerAvailable) expect(stackConfig(target)).toMatchObject({ ok: true });
  });
});
