/**
 * backup-verify on Busflow and its variations: what it adds, that Swarm accepts it, that the
 * alert rules load and fire as the committed promtool unit tests say, that the restore test can
 * never reach the production database, that node_exporter reads the metrics, and what it
 * refuses. The script itself is tested in backup-verify/script.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import backupVerify from "../../src/transforms/backup-verify.js";
import nodeExporter from "../../src/transforms/node-exporter.js";
import offsiteBackup from "../../src/transforms/offsite-backup.js";
import { backupRules, type RuleOptions } from "../../src/transforms/backup-verify/rules.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { repoRoot, yaml } from "../_utils.js";
import { inFolder, need, promtoolCheckRules, promtoolTestRules } from "../support/tools.js";
import { leakedSentinels, model, output, run, undocumentedOptions, withSentinelSecrets } from "./gate-helpers.js";

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
/** Busflow with its backup job wired to R2, as backup-verify finds it in the preset. */
const shipped = output(run(offsiteBackup, busflow));
const unitTests = readFileSync(path.join(repoRoot, "test/transforms/backup-verify/alerts.promtool.yml"), "utf8");
const defaults: RuleOptions = { database: "busflow", maxAgeHours: 26, sizeDropPercent: 50, checkStaleHours: 3, restoreMaxAgeHours: 50 };
const preset = PRESETS["pre-first-client"].map(getTransform);

/** Values `docker stack config` needs for Busflow's variables. */
const ENV = Object.fromEntries(
  ["POSTGRES_PASSWORD", "HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_JWT_SECRET", "AUTH_SMTP_USER", "AUTH_SMTP_PASS", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "STRIPE_SECRET_KEY", "S3_ACCESS_KEY", "S3_SECRET_KEY"]
    .concat(["OFFSITE_S3_ENDPOINT", "OFFSITE_S3_BUCKET", "OFFSITE_S3_ACCESS_KEY_ID", "OFFSITE_S3_SECRET_ACCESS_KEY", "OFFSITE_BACKUP_PASSPHRASE"])
    .map((v) => [v, `canary-${v.toLowerCase()}`]),
);

/** `docker stack config` on a run's compose files, in a folder that also holds its extra files. */
function stackConfig(result: RunResult, env: Record<string, string>) {
  const files: Record<string, string> = {};
  for (const e of result.extras) files[e.path] = e.content;
  for (const f of result.files) files[f.path] = f.after;
  return inFolder(files, "docker", ["stack", "config", ...result.files.flatMap((f) => ["-c", f.path])], env);
}

function verify(text: string, options: Record<string, unknown> = {}): RunResult {
  return run(backupVerify, text, { "backup-verify": options });
}

describe("backup-verify: options", () => {
  it("gives every option a description and a default, and documents each on its page", () => {
    expect(undocumentedOptions(backupVerify)).toEqual([]);
    const doc = readFileSync(path.join(repoRoot, "docs/transforms/backup-verify.md"), "utf8");
    for (const key of Object.keys(backupVerify.options.shape)) expect(doc, key).toContain(`\`${key}\``);
  });

  it("rejects assertions that would not run as one SELECT (<query>)", () => {
    expect(() => verify(shipped, { assertions: ["SELECT 1;"] })).toThrow(/trailing semicolon/);
    expect(() => verify(shipped, { assertions: ["SELECT\n1"] })).toThrow(/one line/);
  });
});

describe("backup-verify: alert rules", () => {
  it("pass promtool check rules", (ctx) => {
    need(ctx, "promtool");
    const result = promtoolCheckRules(backupRules(defaults));
    expect(result.ok, result.stdout + result.stderr).toBe(true);
    expect(result.stdout).toContain("SUCCESS: 5 rules found");
  });

  it("pass the committed promtool unit tests, as written on Busflow", (ctx) => {
    need(ctx, "promtool");
    const rules = verify(shipped).extras.find((e) => e.path === "prometheus/rules/backup-verify.yml")!.content;
    expect(rules).toBe(backupRules(defaults));
    const result = promtoolTestRules(unitTests, { "rules.yml": rules });
    expect(result.ok, result.stdout + result.stderr).toBe(true);
  });

  it.for([
    ["maxAgeHours", { maxAgeHours: 28 }],
    ["sizeDropPercent", { sizeDropPercent: 30 }],
    ["checkStaleHours", { checkStaleHours: 4 }],
    ["restoreMaxAgeHours", { restoreMaxAgeHours: 60 }],
    ["database", { database: "other" }],
  ] as const)("would catch a wrong %s: the unit tests fail", ([, change], ctx) => {
    need(ctx, "promtool");
    const result = promtoolTestRules(unitTests, { "rules.yml": backupRules({ ...defaults, ...change }) });
    expect(result.ok).toBe(false);
  });

  it("are registered for the metrics store", () => {
    const result = runTransforms([{ path: "stack.yml", text: shipped }], [backupVerify]);
    expect(result.extras.map((e) => [e.path, e.base ?? "stack", e.mode])).toEqual([
      ["scripts/backup-verify.sh", "stack", 0o755],
      ["prometheus/rules/backup-verify.yml", "stack", undefined],
      [".github/workflows/backup-restore-test.yml", "repository", undefined],
    ]);
  });
});

describe("backup-verify: on Busflow", () => {
  const result = verify(shipped);
  const services = model(output(result)).services;

  it("adds the freshness service, the restore job and the scratch server with the job's own settings", () => {
    expect(services["backup-verify-freshness"]).toMatchObject({
      image: "eeshugerman/postgres-backup-s3:16",
      command: ["sh", "/backup-verify.sh", "freshness"],
      environment: { S3_BUCKET: "${OFFSITE_S3_BUCKET}", S3_PREFIX: "${OFFSITE_S3_PREFIX:-postgres}", POSTGRES_DATABASE: "busflow", CHECK_INTERVAL: "900" },
      volumes: ["node-exporter-textfile:/textfile"],
    });
    expect(services["backup-verify-restore"].deploy).toEqual({ mode: "replicated-job", restart_policy: { condition: "none" }, labels: ["compose-gate.role=backup-restore-test"] });
    expect(services["backup-verify-db"].image).toBe(services.postgres.image);
  });

  it("is accepted by docker stack config, with the script the config names", (ctx) => {
    need(ctx, "docker");
    const verdict = stackConfig(result, ENV);
    expect(verdict.ok, verdict.stderr).toBe(true);
    expect(verdict.stdout).toMatch(/file: \S+\/scripts\/backup-verify\.sh/);
    expect(verdict.stdout).toContain("mode: replicated-job");
  });

  it("names the script's config after its content, so a changed script is a new Swarm config", () => {
    const other = verify(shipped, { assertions: ["SELECT true"] });
    const name = (r: RunResult) => model(output(r)).configs["backup-verify-script"].name;
    expect(name(result)).toMatch(/^backup-verify-script-[0-9a-f]{12}$/);
    expect(name(other)).not.toBe(name(result));
  });

  it("changes nothing on a second run", () => {
    const again = verify(output(result));
    expect(output(again)).toBe(output(result));
    expect(again.findings.filter((f) => f.kind !== "manual")).toEqual([]);
  });

  it("never shows a secret value in findings or files", () => {
    const { text, sentinels } = withSentinelSecrets(shipped);
    expect(sentinels.length).toBeGreaterThan(0);
    expect(leakedSentinels(verify(text), sentinels)).toEqual([]);
  });
});

describe("backup-verify: the restore target is never the production database", () => {
  /** The restore job's view of the world, for the stack `text` after the whole preset. */
  function restoreJob(text: string) {
    const out = model(runTransforms([{ path: "stack.yml", text }], preset).files[0].after);
    const job = out.services["backup-verify-restore"];
    return { out, job, production: out.services[job.environment.PRODUCTION_HOST], scratch: out.services[job.environment.SCRATCH_HOST] };
  }
  const secretNames = (service: { secrets?: (string | { source: string })[] }) => (service.secrets ?? []).map((s) => (typeof s === "string" ? s : s.source));

  it.each([
    ["Busflow", busflow],
    ["a database service named like the scratch server", busflow.replace(/\bpostgres:\n    image: postgres/, "backup-verify-db:\n    image: postgres").replaceAll("POSTGRES_HOST: postgres", "POSTGRES_HOST: backup-verify-db")],
  ])("%s: another service, on no network of the database, with none of its secrets", (_, text) => {
    const { job, production, scratch } = restoreJob(text);
    expect(job.environment.SCRATCH_HOST).not.toBe(job.environment.PRODUCTION_HOST);
    expect(production.image).toMatch(/^postgres:/);
    expect(scratch.deploy.labels).toEqual(["compose-gate.role=scratch-database"]);
    const productionNetworks = production.networks ?? ["default"];
    expect(job.networks.filter((n: string) => productionNetworks.includes(n))).toEqual([]);
    expect(secretNames(production).length).toBeGreaterThan(0);
    expect(secretNames(job).filter((s) => secretNames(production).includes(s))).toEqual([]);
    expect(secretNames(scratch).filter((s) => secretNames(production).includes(s))).toEqual([]);
  });

  it("names the scratch server after a free service name", () => {
    const { job } = restoreJob(busflow.replace(/\bpostgres:\n    image: postgres/, "backup-verify-db:\n    image: postgres").replaceAll("POSTGRES_HOST: postgres", "POSTGRES_HOST: backup-verify-db"));
    expect(job.environment).toMatchObject({ PRODUCTION_HOST: "backup-verify-db", SCRATCH_HOST: "backup-verify-db-2" });
  });

  it("keeps the scratch server out of every other transform's view of the stack's database", () => {
    const { out } = restoreJob(busflow);
    expect(out.services["postgres-exporter"].environment.DATA_SOURCE_URI).toBe("postgres:5432/busflow?sslmode=disable");
    expect(Object.keys(out.services).filter((s) => s.startsWith("postgres-backup"))).toEqual(["postgres-backup"]);
  });
});

describe("backup-verify: node_exporter reads the metrics", () => {
  it("in the preset: node-exporter adds an exporter that reads the textfile volume, and a second run changes nothing", (ctx) => {
    const first = runTransforms([{ path: "stack.yml", text: busflow }], preset);
    const exporter = model(output(first)).services["node-exporter"];
    expect(exporter.command).toContain("--collector.textfile.directory=/textfile");
    expect(exporter.volumes).toContain("node-exporter-textfile:/textfile:ro");
    const second = runTransforms([{ path: "stack.yml", text: output(first) }], preset);
    expect(output(second)).toBe(output(first));
    need(ctx, "docker");
    const verdict = stackConfig(first, ENV);
    expect(verdict.ok, verdict.stderr).toBe(true);
  });

  const withExporter = (exporter: string) => `${shipped.replace("\nnetworks:", `\n${exporter}\nnetworks:`)}`;

  it("gives an exporter already in the stack the flag and the mount", () => {
    const text = withExporter("  node-exporter:\n    image: prom/node-exporter:v1.9.1\n    command: [--path.rootfs=/host]\n    volumes:\n      - /:/host:ro,rslave\n    deploy:\n      mode: global\n");
    const result = verify(text);
    const exporter = model(output(result)).services["node-exporter"];
    expect(exporter.command).toEqual(["--path.rootfs=/host", "--collector.textfile.directory=/textfile"]);
    expect(exporter.volumes).toEqual(["/:/host:ro,rslave", "node-exporter-textfile:/textfile:ro"]);
    expect(result.findings.map((f) => f.message)).toContain(
      "node-exporter (node_exporter) reads the backup metrics: --collector.textfile.directory=/textfile and volume node-exporter-textfile:/textfile:ro",
    );
    expect(output(verify(output(result)))).toBe(output(result));
  });

  it.each([
    ["a command written as one string", "command: --path.rootfs=/host", "its command is one string"],
    ["another textfile directory", "command: [--collector.textfile.directory=/var/lib/node_exporter]", "it already reads textfiles from /var/lib/node_exporter"],
  ])("leaves an exporter with %s to a human", (_, command, reason) => {
    const text = withExporter(`  node-exporter:\n    image: prom/node-exporter:v1.9.1\n    ${command}\n    deploy:\n      mode: global\n`);
    const result = verify(text);
    expect(model(output(result)).services["node-exporter"].volumes).toBeUndefined();
    expect(result.findings.find((f) => f.kind === "refusal")!.message).toContain(reason);
  });

  it("finishes an exporter of the observability companion stack, declaring the volume there", () => {
    const obs = "services:\n  node-exporter:\n    image: quay.io/prometheus/node-exporter:v1.12.1\n    deploy:\n      mode: global\n";
    const result = runTransforms([{ path: "stack.yml", text: shipped }], [backupVerify], { companions: [{ role: "observability", path: "obs.yml", text: obs }] });
    const companion = model(result.files[1].after);
    expect(companion.services["node-exporter"]).toMatchObject({ command: ["--collector.textfile.directory=/textfile"], volumes: ["node-exporter-textfile:/textfile:ro"] });
    expect(companion.volumes).toEqual({ "node-exporter-textfile": { name: "node-exporter-textfile" } });
  });

  it("says what to do when no exporter runs", () => {
    expect(verify(shipped).findings.map((f) => f.message).join("\n")).toContain("no node_exporter runs in this stack yet");
    expect(run(nodeExporter, output(verify(shipped))).findings[0].message).toContain("and the textfile metrics in volume node-exporter-textfile");
  });
});

describe("backup-verify: where the credentials come from", () => {
  it("reads the secrets an entrypoint shim exports, and grants no passphrase to a job that does not encrypt", () => {
    const shim = shipped
      .replace("      S3_SECRET_ACCESS_KEY: ${OFFSITE_S3_SECRET_ACCESS_KEY}\n", "")
      .replace("      PASSPHRASE: ${OFFSITE_BACKUP_PASSPHRASE}\n", "")
      .replace(
        "  postgres-backup:\n    image: eeshugerman/postgres-backup-s3:16\n",
        `  postgres-backup:\n    image: eeshugerman/postgres-backup-s3:16\n    entrypoint: ["/bin/sh", "-c", "export S3_SECRET_ACCESS_KEY=\\"$$(cat /run/secrets/r2_key)\\"; exec sh run.sh"]\n`,
      );
    const job = model(output(verify(shim))).services["backup-verify-restore"];
    expect(job.secrets.map((s: { source: string; target: string }) => `${s.source}>${s.target}`)).toEqual([
      "offsite_s3_access_key_id>s3_access_key_id",
      "r2_key>s3_secret_access_key",
      "backup_verify_db_password>scratch_password",
    ]);
  });
});

describe("backup-verify: refusals", () => {
  const refusal = (result: RunResult) => result.findings.filter((f) => f.kind === "refusal").map((f) => f.message);

  it("has nothing to verify without a backup job, and changes nothing", () => {
    const result = verify(busflow.replace(/  # Nightly dump[\s\S]*?<<: \*deploy\n\n/, ""));
    expect(result.files[0].after).toBe(result.files[0].before);
    expect(refusal(result)).toEqual(["no off-site backup job (eeshugerman/postgres-backup-s3) in this stack: nothing to verify"]);
  });

  it("names backup images whose dumps it does not read", () => {
    const text = yaml`
      services:
        db-backup:
          image: tiredofit/db-backup:4.1.21
          deploy: {mode: replicated}
    `;
    expect(refusal(verify(text))[0]).toContain("db-backup (tiredofit/db-backup:4.1.21) ships dumps that backup-verify does not read");
  });

  it("refuses a stack deployed with docker compose", () => {
    const compose = yaml`
      services:
        db:
          image: postgres:16.4
        backup:
          image: eeshugerman/postgres-backup-s3:16
          environment:
            POSTGRES_HOST: db
            POSTGRES_DATABASE: postgres
            S3_BUCKET: b
            S3_PREFIX: p
    `;
    const result = verify(compose);
    expect(result.files[0].after).toBe(compose);
    expect(refusal(result)[0]).toContain("this stack is deployed with docker compose");
  });

  it("refuses a job whose dumps cannot be located, and a database image without a major", () => {
    expect(refusal(verify(busflow))[0]).toBe("postgres-backup: S3_BUCKET, S3_PREFIX are not set, so its dumps cannot be located (run offsite-backup first)");
    const latest = verify(shipped.replace("image: postgres:16.4", "image: postgres:latest"));
    expect(refusal(latest)[0]).toContain("the image postgres:latest of postgres does not pin a major version");
    expect(model(output(verify(shipped.replace("image: postgres:16.4", "image: postgres:latest"), { scratchImage: "postgres:16.4" }))).services["backup-verify-db"].image).toBe("postgres:16.4");
  });
});
