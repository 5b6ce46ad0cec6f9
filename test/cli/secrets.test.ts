/**
 * No secret value in any output, for every command and format, with the real transforms and
 * checks. The Busflow example gets planted canaries where compose-gate must recognise secrets:
 * a map-form variable, a list-form variable, a URL password, passwords on command lines
 * (`command`, `healthcheck.test`, credentials in a URL argument), and MinIO's root password
 * that s3-external and drop-minio work with. Command lines sit where the diff shows them (as
 * context, or removed with their service). The only output allowed to hold them is the
 * `--patch` file (it must apply), and only on lines of the user's own file, never added ones.
 *
 * The MinIO service, which drop-minio removes (so every line of it is in the diff), also gets
 * the spellings and places of issue #19: escapes, `''`, a folded scalar, YAML numbers, a value
 * of three characters and one of 32 K, shell strings (`sh -c "…"`, a block scalar), labels,
 * logging options, build args; a config's content sits at the end of the file, shown as
 * context. Each is searched for in every spelling it could be shown in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, expectNoStackTrace, run, workspace } from "./helpers.js";

const LONG = `cnryL${"k9".repeat(16_384)}`;

/** Spellings and places of issue #19, all on lines of the diff; `…Value` is how a number reads. */
const SPELLINGS = {
  escaped: "cnry-esc",
  singleQuoted: "cnry-sq",
  folded1: "cnry-fold-a1",
  folded2: "cnry-fold-b2",
  hex: "C0FFEE15BAD",
  hexValue: String(0xc0ffee15bad),
  float: "7.31e21",
  floatValue: String(7.31e21),
  short: "Q7z",
  long: LONG.slice(0, 48),
  shellFlag: "cnry sh req",
  shellExport: "cnry-sh-exp",
  block: "cnry-blk-my1",
  label: "cnry-label-d41",
  logging: "cnry-log-8e2",
  buildArg: "cnry-arg-07c",
  config: "cnry-cfg-5aa",
};

const CANARIES = {
  mapEnv: "cnry-map-7f3a9c",
  listEnv: "cnry-list-51c2e8",
  url: "cnry-url-90b1d4",
  minio: "cnry-minio-44e0aa",
  command: "cnry-cmd-33d8aa",
  commandUrl: "cnry-cmdurl-5e11bb",
  healthcheck: "cnry-hc-c0ffee",
  ...SPELLINGS,
};

/** Where the canaries of issue #19 go: the MinIO service, removed whole by drop-minio. */
const MINIO_EXTRAS = [
  `      SESSION_SECRET: "${CANARIES.escaped}\\\\x-\\u0041"`,
  `      JWT_SECRET: '${CANARIES.singleQuoted}''x'`,
  "      MINIO_KMS_SECRET_KEY: >-",
  `        ${CANARIES.folded1}`,
  `        ${CANARIES.folded2}`,
  `      MINIO_SECRET_TOKEN: 0x${CANARIES.hex}`,
  `      ENCRYPTION_KEY: ${CANARIES.float}`,
  `      REDIS_PASSWORD: ${CANARIES.short}`,
  `      API_TOKEN: ${LONG}`,
  "    healthcheck:",
  "      test:",
  "        - CMD-SHELL",
  "        - |",
  `          mysql -h db -p${CANARIES.block} -e 'select 1'`,
  "    labels:",
  `      - "com.example.api_token=${CANARIES.label}"`,
  "    build:",
  "      context: .",
  "      args:",
  `        NPM_TOKEN: ${CANARIES.buildArg}`,
].join("\n");

function plant(text: string): string {
  const replace = (from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`the example no longer contains ${from}`);
    text = text.replace(from, to);
  };
  replace(
    "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_DB: busflow\n",
    `POSTGRES_PASSWORD: ${CANARIES.mapEnv}\n      POSTGRES_DB: busflow\n    healthcheck:\n      test: ["CMD-SHELL", "PGPASSWORD=${CANARIES.healthcheck} pg_isready -U postgres"]\n`,
  );
  replace("WEBHOOK_SIGNING_SECRET=whsec_4f9a1c2e8b7d6a5f3e2d1c0b", `WEBHOOK_SIGNING_SECRET=${CANARIES.listEnv}`);
  replace("HASURA_GRAPHQL_DATABASE_URL: postgres://postgres:${POSTGRES_PASSWORD}@", `HASURA_GRAPHQL_DATABASE_URL: postgres://postgres:${CANARIES.url}@`);
  replace("S3_SECRET_KEY: ${MINIO_ROOT_PASSWORD}", `S3_SECRET_KEY: ${CANARIES.minio}`);
  replace("MINIO_ROOT_USER: ${MINIO_ROOT_USER}\n      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD}\n    volumes", `MINIO_ROOT_USER: \${MINIO_ROOT_USER}\n      MINIO_ROOT_PASSWORD: ${CANARIES.minio}\n${MINIO_EXTRAS}\n    volumes`);
  replace("    command: server /data --console-address :9001\n", `    command: sh -c "PGPASSWORD=${CANARIES.shellExport} minio server /data --requirepass '${CANARIES.shellFlag}'"\n`);
  replace("      <<: *deploy\n    logging: *logging\n\n  minio-init:", `      <<: *deploy\n    logging:\n      driver: splunk\n      options:\n        splunk-token: ${CANARIES.logging}\n\n  minio-init:`);
  // Removed with minio-init, so shown as removed lines of the diff.
  replace("mc alias set local http://minio:9000 $${MINIO_ROOT_USER} $${MINIO_ROOT_PASSWORD}", `mc alias set local http://admin:${CANARIES.commandUrl}@minio:9000`);
  // Right after the variables offsite-backup adds, so shown as context.
  replace(
    "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    networks:\n      - internal\n    deploy:\n      <<: *deploy\n\nnetworks:",
    `      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\n    command: ["sh", "-c", "PGPASSWORD=${CANARIES.command} exec /backup.sh"]\n    networks:\n      - internal\n    deploy:\n      <<: *deploy\n\nnetworks:`,
  );
  return `${text}\nconfigs:\n  db_password:\n    content: ${CANARIES.config}\n`;
}

const STACK = plant(readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8"));
const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });

function expectNoCanary(what: string, ...texts: string[]): void {
  for (const text of texts) {
    for (const [where, canary] of Object.entries(CANARIES)) {
      if (text.includes(canary)) throw new Error(`${what}: the ${where} canary ${canary} is shown:\n${text.slice(Math.max(0, text.indexOf(canary) - 300), text.indexOf(canary) + 100)}`);
    }
  }
}

/** Files under `dir` other than the stack itself. */
function createdFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f !== "compose.yml" && f !== "gate.patch" && statSync(path.join(dir, f)).isFile());
}

describe("secret values never reach an output", () => {
  it("the canaries are all where compose-gate must see them", () => {
    for (const [where, canary] of Object.entries(CANARIES)) if (!where.endsWith("Value")) expect(STACK).toContain(canary);
  });

  it("transform: diff, findings, --check and --quiet", () => {
    const dir = workspace({ "compose.yml": STACK });
    for (const args of [[], ["--check"], ["--quiet"], ["--only", "env-to-secrets"], ["--only", "s3-external,drop-minio"]]) {
      const r = cli(dir, "transform", "compose.yml", ...args);
      expect([0, 1], r.stderr).toContain(r.code);
      expectNoStackTrace(r.stderr);
      expectNoCanary(`transform ${args.join(" ")}`, r.stdout, r.stderr);
    }
    expect(cli(dir, "transform", "compose.yml").stdout).toContain("diff --git");
  });

  it("transform --write: the messages and every file it creates", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = cli(dir, "transform", "compose.yml", "--write");
    expect(r.code, r.stderr).toBe(0);
    expectNoCanary("transform --write", r.stdout, r.stderr);
    const created = createdFiles(dir);
    expect(created.length).toBeGreaterThan(1);
    for (const file of created) expectNoCanary(file, readFileSync(path.join(dir, file), "utf8"));
  });

  it("transform --patch: unmasked only on lines of the user's file, never on added lines", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = cli(dir, "transform", "compose.yml", "--patch", "gate.patch");
    expect(r.code, r.stderr).toBe(0);
    expectNoCanary("transform --patch", r.stdout, r.stderr);
    expect(r.stderr).toMatch(/patch written to gate\.patch; it is NOT masked and contains \d+ secret values/);
    const patch = readFileSync(path.join(dir, "gate.patch"), "utf8");
    // The canaries of #19 are on lines of the diff: masking, not luck, keeps them out of the outputs.
    for (const [where, canary] of Object.entries(SPELLINGS)) if (!where.endsWith("Value")) expect(patch, where).toContain(canary);
    const added = patch.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"));
    expectNoCanary("lines the patch adds", added.join("\n"));
  });

  it("check: stylish, json, sarif (fixes included) and github", () => {
    const dir = workspace({ "compose.yml": STACK });
    for (const format of ["stylish", "json", "sarif", "github"]) {
      const r = cli(dir, "check", "compose.yml", "--format", format);
      expect(r.code, r.stderr).toBe(1);
      expectNoStackTrace(r.stderr);
      expectNoCanary(`check --format ${format}`, r.stdout, r.stderr);
    }
    const sarif = JSON.parse(cli(dir, "check", "compose.yml", "--format", "sarif").stdout);
    expect(sarif.runs[0].results.some((res: { fixes?: unknown }) => res.fixes !== undefined)).toBe(true);
  });

  it("the observability companion: a literal written there is hidden too, in every output", () => {
    const canary = "cnry-grafana-6d1e";
    const companion = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.observability.yml"), "utf8");
    const from = "      GF_SERVER_ROOT_URL: https://grafana.busflow.example\n";
    expect(companion).toContain(from);
    const dir = workspace({
      "compose.yml": STACK,
      "docker-compose.observability.yml": companion.replace(from, `${from}      GF_SECURITY_ADMIN_PASSWORD: ${canary}\n`),
    });
    const outputs = [cli(dir, "transform", "compose.yml"), ...["stylish", "json", "sarif", "github", "markdown"].map((f) => cli(dir, "check", "compose.yml", "--format", f))];
    // The companion is part of the run (its grafana block is in the diff), so masking, not its absence, is tested.
    expect(outputs[0]!.stdout).toContain("docker-compose.observability.yml");
    for (const r of outputs) {
      expectNoStackTrace(r.stderr);
      if (r.stdout.includes(canary) || r.stderr.includes(canary)) throw new Error(`the companion's password is shown:\n${r.stdout}${r.stderr}`);
    }
    const written = cli(dir, "transform", "compose.yml", "--write");
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout + written.stderr).not.toContain(canary);
    for (const file of createdFiles(dir)) if (file !== "docker-compose.observability.yml") expect(readFileSync(path.join(dir, file), "utf8"), file).not.toContain(canary);
  });

  it("a stack that fails to load: the error names the place, not the value", () => {
    const broken = STACK.replace(`POSTGRES_PASSWORD: ${CANARIES.mapEnv}`, `POSTGRES_PASSWORD: "${CANARIES.mapEnv}\n      bad: [`);
    const dir = workspace({ "compose.yml": broken });
    for (const command of ["transform", "check"]) {
      const r = cli(dir, command, "compose.yml");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/compose\.yml:\d+:\d+: /);
      expectNoCanary(`${command} on a broken file`, r.stdout, r.stderr);
    }
  });

  it("a value that YAML reads as syntax (!, *, |) is not quoted by the refusal", () => {
    for (const value of ["!cnry-tag-1", "*cnry-alias-2", "|cnry-block-3", '"cnry-esc-4\\q"']) {
      const dir = workspace({ "compose.yml": STACK.replace(`POSTGRES_PASSWORD: ${CANARIES.mapEnv}`, `POSTGRES_PASSWORD: ${value}`) });
      for (const args of [["transform", "compose.yml"], ["check", "compose.yml", "--format", "sarif"]]) {
        const r = cli(dir, ...args);
        expect(r.code, value).toBe(2);
        expect(r.stderr).toMatch(/compose\.yml:\d+:\d+: /);
        expect(r.stdout + r.stderr, value).not.toContain("cnry");
      }
    }
  });

  it("credentials in an option value are refused, not written into the diff, report and script", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = cli(dir, "transform", "compose.yml", "--set", "s3-external.endpoint=https://key:cnry-endpoint-9@s3.example.com", "--write");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("s3-external.endpoint: a bare endpoint URL");
    expect(r.stdout + r.stderr).not.toContain("cnry-endpoint");
    expect(createdFiles(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, "compose.yml"), "utf8")).toBe(STACK);
  });

  it("a dictionary password is masked where it is the value, and the diff stays readable (#16)", () => {
    const dir = workspace({ "compose.yml": STACK.replace(`POSTGRES_PASSWORD: ${CANARIES.mapEnv}`, "POSTGRES_PASSWORD: postgres") });
    const r = cli(dir, "transform", "compose.yml");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-\s+POSTGRES_PASSWORD: \*\*\*\*$/m);
    expect(r.stdout).toMatch(/image: postgres:\d/);
    expect(r.stdout).not.toMatch(/\*\*\*\*:\d|services\.\*\*\*\*|image: \*\*\*\*/);
    expect(r.stderr).not.toContain("****");
  });

  it("list and explain do not read the stack, and show none either", () => {
    const dir = workspace({ "compose.yml": STACK });
    for (const args of [["list"], ["explain", "env-to-secrets"], ["explain", "security/secret-in-command"]]) {
      const r = cli(dir, ...args);
      expect(r.code, r.stderr).toBe(0);
      expectNoCanary(args.join(" "), r.stdout, r.stderr);
    }
  });
});
