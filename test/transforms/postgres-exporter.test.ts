import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { secretNameForEnv } from "../../src/secrets/naming.js";
import postgresExporter, { isPostgresExporterImage } from "../../src/transforms/postgres-exporter.js";
import { choosePostgres, majorFromTag, scanPostgres } from "../../src/transforms/shared/postgres.js";
import { corpusFiles, repoRoot, yaml } from "../_utils.js";
import { dockerCli, goldenStackVerdicts, leakedSentinels, loadTransforms, model, noteMissingTools, output, run, stackConfig, undocumentedOptions, withSentinelSecrets } from "./gate-helpers.js";
noteMissingTools();

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
const projectOf = (text: string) => new Project([parseCompose(text)]);
/** The only variables postgres_exporter reads for its connection (domain.md §7.1); no DATA_SOURCE_NAME_FILE exists. */
const CONNECTION_VARIABLES = ["DATA_SOURCE_URI", "DATA_SOURCE_USER", "DATA_SOURCE_USER_FILE", "DATA_SOURCE_PASS_FILE"];

describe("postgres-exporter: options", () => {
  it("gives every option a description and a default", () => {
    expect(undocumentedOptions(postgresExporter)).toEqual([]);
  });

  it("documents every option in docs/transforms/postgres-exporter.md", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/transforms/postgres-exporter.md"), "utf8");
    for (const key of Object.keys(postgresExporter.options.shape)) expect(doc, key).toContain(`\`${key}\``);
  });
});

describe("postgres-exporter: reading the stack's Postgres", () => {
  it("reads the major version from the tag, and only from the tag", () => {
    expect([majorFromTag("16"), majorFromTag("16.4"), majorFromTag("14-alpine"), majorFromTag("16-3.4")]).toEqual([16, 16, 14, 16]);
    expect([majorFromTag("latest"), majorFromTag(undefined), majorFromTag("${PG:-16}")]).toEqual([undefined, undefined, undefined]);
  });

  it("knows the official image's defaults: user postgres, database named after the user", () => {
    const [pg] = scanPostgres(projectOf("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n")).known;
    expect(pg.user).toEqual({ kind: "value", value: "app" });
    expect(pg.database).toEqual({ kind: "value", value: "app" });
    expect(pg.password).toEqual({ kind: "unset" });
  });

  it("names an unknown Postgres-like image instead of guessing its variables", () => {
    const choice = choosePostgres(projectOf("services:\n  db:\n    image: bitnami/postgresql:16\n"), "");
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.reason).toMatch(/bitnami\/postgresql:16/);
  });

  it("recognises exporters already in the stack", () => {
    expect(["quay.io/prometheuscommunity/postgres-exporter:v0.20.1", "wrouesnel/postgres_exporter", "bitnami/postgres-exporter:0"].every(isPostgresExporterImage)).toBe(true);
    expect(isPostgresExporterImage("postgres:16")).toBe(false);
  });
});

describe("postgres-exporter: behaviour", () => {
  it("connects without a password in any environment variable", () => {
    const service = model(output(run(postgresExporter, busflow))).services["postgres-exporter"];
    expect(Object.keys(service.environment).every((k) => CONNECTION_VARIABLES.includes(k))).toBe(true);
    expect(service.environment).toEqual({
      DATA_SOURCE_URI: "postgres:5432/busflow?sslmode=disable",
      DATA_SOURCE_USER: "postgres",
      DATA_SOURCE_PASS_FILE: "/run/secrets/postgres_password",
    });
  });

  it("names a new secret exactly as env-to-secrets would", () => {
    const out = model(output(run(postgresExporter, "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PW}\n")));
    const name = secretNameForEnv("POSTGRES_PASSWORD", "${DB_PW}");
    expect(name).toBe("db_pw");
    expect(out.services["postgres-exporter"].secrets).toEqual([name]);
    expect(out.secrets).toEqual({ [name]: { file: `./secrets/${name}` } });
  });

  it("declares external secrets for Swarm stacks", () => {
    expect(model(output(run(postgresExporter, busflow))).secrets).toEqual({ postgres_password: { external: true } });
  });

  it("reuses the secret Postgres already reads, as it is granted there", () => {
    const input = yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD_FILE: /run/secrets/pw
          secrets:
            - source: db_password_v2
              target: pw
      secrets:
        db_password_v2:
          external: true
    `;
    const out = model(output(run(postgresExporter, input)));
    expect(out.services["postgres-exporter"].secrets).toEqual([{ source: "db_password_v2", target: "pw" }]);
    expect(out.services["postgres-exporter"].environment.DATA_SOURCE_PASS_FILE).toBe("/run/secrets/pw");
    expect(Object.keys(out.secrets)).toEqual(["db_password_v2"]);
  });

  it("refuses a password file that is not a granted secret", () => {
    const input = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /etc/pg/pw\n";
    const result = run(postgresExporter, input);
    expect(output(result)).toBe(input);
    expect(result.findings[0].message).toMatch(/\/etc\/pg\/pw/);
  });

  it("never repeats a literal database password in its findings", () => {
    const input = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2-not-a-real-one\n";
    const result = run(postgresExporter, input, { "postgres-exporter": { target: "swarm" } });
    expect(result.findings.map((f) => f.message).join("\n")).not.toContain("hunter2");
    expect(output(result)).not.toMatch(/hunter2[\s\S]*hunter2/);
  });

  it.skipIf(!dockerCli)("produces a stack docker stack config accepts", () => {
    const result = stackConfig([{ path: "stack.yml", text: output(run(postgresExporter, busflow)) }]);
    expect(result.ok, result.stderr).toBe(true);
    expect(result.stdout).toContain("DATA_SOURCE_PASS_FILE: /run/secrets/postgres_password");
  });
});

describe("postgres-exporter: after env-to-secrets", () => {
  const available = existsSync(path.join(repoRoot, "src/transforms/env-to-secrets.ts"));

  it.skipIf(!available)("grants the secret env-to-secrets created instead of declaring another", async () => {
    const id = "env-to-secrets";
    const envToSecrets = (await import(`../../src/transforms/${id}.ts`)).default;
    const out = model(output(run([envToSecrets, postgresExporter], busflow)));
    const secret = out.services.postgres.environment.POSTGRES_PASSWORD_FILE?.replace("/run/secrets/", "");
    expect(secret).toBeDefined();
    expect(out.services["postgres-exporter"].environment.DATA_SOURCE_PASS_FILE).toBe(`/run/secrets/${secret}`);
    expect(Object.keys(out.secrets).filter((k) => k.startsWith("postgres_password"))).toEqual([secret]);
  });
});

describe("postgres-exporter: real-world corpus", () => {
  it.skipIf(corpusFiles().length > 0)("skipped: the shared corpus is not present", () => {});
  for (const file of corpusFiles()) {
    it(`${file.name}: never shows a literal secret of the file in a finding or an extra file`, () => {
      const { text, sentinels } = withSentinelSecrets(file.text);
      expect(leakedSentinels(run(postgresExporter, [{ path: file.name, text }]), sentinels)).toEqual([]);
    });

    it(`${file.name}: never throws, reads back, is idempotent and keeps docker stack config's verdict`, () => {
      const inputs = [{ path: file.name, text: file.text }];
      const first = run(postgresExporter, inputs);
      const after = first.files[0].after;
      parseCompose(after);
      expect(output(run(postgresExporter, [{ path: file.name, text: after }]))).toBe(after);
      if (!dockerCli || after === file.text || !stackConfig(inputs).ok) return;
      const verdict = stackConfig([{ path: file.name, text: after }]);
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
});

describe("postgres-exporter: golden outputs under docker stack config", () => {
  for (const golden of goldenStackVerdicts("postgres-exporter", loadTransforms)) {
    it.skipIf(!dockerCli)(`${golden.name}: accepted after the transform when accepted before`, golden.check);
  }
});
