/**
 * `compose-gate codemod secrets` end to end, on the BUILT CLI: the diff on stdout, --write
 * (atomic, refusing files changed meanwhile), --check, --from-report fed by `check --format
 * json`, and the exit codes 0/1/2 with clear messages and no stack trace for bad input.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, expectNoStackTrace, read, run, workspace } from "./helpers.js";

const SOURCES = {
  "package.json": `{ "type": "module" }\n`,
  "src/config.ts": `import { hostname } from "node:os";\n\nexport const key = process.env.STRIPE_SECRET_KEY ?? hostname();\n`,
  "src/port.ts": `export const port = process.env.PORT;\n`,
};

const codemod = (args: string[], cwd: string, extra: Parameters<typeof run>[1] extends infer O ? Omit<O & object, "cwd"> : never = {}) =>
  run(["codemod", "secrets", ...args], { cwd, cli: BIN, ...extra });

function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith(".compose-gate-"));
}

describe("compose-gate codemod secrets", () => {
  it("prints the diff and writes nothing without --write (exit 0)", () => {
    const dir = workspace(SOURCES);
    const r = codemod(["--vars", "STRIPE_SECRET_KEY", "--src", "src"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-export const key = process.env.STRIPE_SECRET_KEY ?? hostname();\n+export const key = readSecretEnv("STRIPE_SECRET_KEY") ?? hostname();\n');
    expect(r.stdout).toContain("diff --git a/src/read-secret-env.ts b/src/read-secret-env.ts\nnew file mode 100644\n");
    expect(r.stderr).toContain("2 files would change (1 read rewritten); review the diff above, then apply it with --write");
    expect(read(dir, "src/config.ts")).toBe(SOURCES["src/config.ts"]);
    expect(existsSync(path.join(dir, "src/read-secret-env.ts"))).toBe(false);
  });

  it("--check exits 1 while a change is pending; --write applies it; then --check exits 0", () => {
    const dir = workspace(SOURCES);
    const args = ["--vars", "STRIPE_SECRET_KEY", "--src", "src"];
    expect(codemod([...args, "--check"], dir).code).toBe(1);
    const written = codemod([...args, "--write"], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("✔ wrote 2 files (1 read rewritten)");
    expect(read(dir, "src/config.ts")).toBe(
      `import { hostname } from "node:os";\nimport { readSecretEnv } from "./read-secret-env.js";\n\nexport const key = readSecretEnv("STRIPE_SECRET_KEY") ?? hostname();\n`,
    );
    expect(read(dir, "src/read-secret-env.ts")).toContain("export function readSecretEnv");
    expect(read(dir, "src/port.ts")).toBe(SOURCES["src/port.ts"]);
    const again = codemod([...args, "--check"], dir);
    expect(again).toMatchObject({ code: 0, stdout: "" });
    expect(again.stderr).toContain("✔ nothing to change");
    expect(tempFiles(dir)).toEqual([]);
  });

  it("reports what it does not rewrite, with file:line:col, without failing", () => {
    const dir = workspace({ "src/env.ts": "export const env = (name: string) => process.env[name];\n" });
    const r = codemod(["--vars", "DB_PASSWORD", "--src", "src"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("src/env.ts:1:38  process.env[name] reads a name only known at run time, which may be DB_PASSWORD; not rewritten");
  });

  it("refuses a syntax error with file:line:col and writes no file at all (exit 2)", () => {
    const dir = workspace({ ...SOURCES, "src/broken.ts": "export const a = process.env.STRIPE_SECRET_KEY;\nconst b = (;\n" });
    const r = codemod(["--vars", "STRIPE_SECRET_KEY", "--src", "src", "--write"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error src/broken.ts:2:12: Expression expected. (syntax error; the file was not changed)");
    expect(r.stderr).toContain("nothing was written");
    expectNoStackTrace(r.stderr);
    expect(read(dir, "src/config.ts")).toBe(SOURCES["src/config.ts"]);
    expect(existsSync(path.join(dir, "src/read-secret-env.ts"))).toBe(false);
  });

  it("refuses a file that is not UTF-8 with its position (exit 2)", () => {
    const dir = workspace({ "src/latin1.ts": Buffer.from("// caf\xe9\nexport const k = process.env.API_TOKEN;\n", "latin1") as unknown as string });
    const r = codemod(["--vars", "API_TOKEN", "--src", "src"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error src/latin1.ts:1:7: is not valid UTF-8 (byte 0xE9)");
    expectNoStackTrace(r.stderr);
  });

  it.each([
    [["--vars", "A", "--src", "missing"], "error --src missing: no such file or directory"],
    [["--vars", "A", "--src", "src/**/*.vue"], "error --src src/**/*.vue: matches no TypeScript or JavaScript source file"],
    [["--vars", "A", "--src", "package.json"], "error --src package.json: package.json is not a TypeScript or JavaScript source"],
    [["--vars", "A", "--src", "node_modules/x"], "error --src node_modules/x: is inside node_modules, which the codemod never changes"],
    [["--src", "src"], "error name the variables to rewrite with --vars A,B or take them from a report with --from-report FILE"],
    [["--vars", "DB-PASSWORD"], 'error --vars: "DB-PASSWORD" is not an environment variable name'],
    [["--vars", "DB_PASSWORD_FILE"], "error --vars: DB_PASSWORD_FILE already names a file; give the variable itself (DB_PASSWORD)"],
    [["--vars", "A", "--service", "functions"], "error --service selects findings of --from-report; give the report too"],
    [["--vars", "A", "--write", "--check"], "error --write and --check exclude each other"],
    [["--vars", "A", "--helper", "src/helper.py"], "error --helper src/helper.py: the helper's extension must be one of .ts, .mts, .cts, .js, .mjs, .cjs"],
    [["--from-report", "nope.json"], "error nope.json: no such file"],
  ])("%j is exit 2 with a clear message", (args, message) => {
    const dir = workspace(SOURCES);
    const r = codemod(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expectNoStackTrace(r.stderr);
  });

  it("refuses one helper for files of several packages (exit 2, nothing written)", () => {
    const dir = workspace({
      "packages/api/package.json": "{}\n",
      "packages/api/src/a.ts": "export const a = process.env.API_TOKEN;\n",
      "packages/jobs/package.json": "{}\n",
      "packages/jobs/src/b.ts": "export const b = process.env.API_TOKEN;\n",
    });
    const r = codemod(["--vars", "API_TOKEN", "--src", "packages", "--write"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error the rewritten files belong to 2 packages (packages/api, packages/jobs); run once per package (--src <package>) or choose the helper with --helper");
    expect(read(dir, "packages/api/src/a.ts")).toBe("export const a = process.env.API_TOKEN;\n");
    const one = codemod(["--vars", "API_TOKEN", "--src", "packages/api", "--write"], dir);
    expect(one.code).toBe(0);
    expect(read(dir, "packages/api/src/read-secret-env.ts")).toContain("export function readSecretEnv");
  });

  it("an unknown codemod is exit 2 with a suggestion", () => {
    const r = run(["codemod", "secret", "--vars", "A"], { cwd: workspace(), cli: BIN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown codemod "secret" (did you mean secrets?); codemods: secrets');
  });

  it("--write writes nothing when a file changed on disk meanwhile (exit 2)", () => {
    const dir = workspace(SOURCES);
    const r = codemod(["--vars", "STRIPE_SECRET_KEY", "--src", "src", "--write"], dir, {
      nodeArgs: ["--import", path.join(repoRoot, "test/cli/fixtures/modify-before-rename.mjs")],
      env: { MODIFY_FILE: path.join(dir, "src/config.ts") },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error src/config.ts: changed on disk since compose-gate read it; nothing was written");
    expect(read(dir, "src/config.ts")).toBe(`${SOURCES["src/config.ts"]}# edited by someone else\n`);
    expect(existsSync(path.join(dir, "src/read-secret-env.ts"))).toBe(false);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe("compose-gate codemod secrets --from-report", () => {
  const stack = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
  const functions = {
    "stack.yml": stack,
    "functions/src/index.ts": [
      "export const admin = process.env.HASURA_GRAPHQL_ADMIN_SECRET;",
      "export const stripe = process.env.STRIPE_SECRET_KEY;",
      "export const webhook = process.env.WEBHOOK_SIGNING_SECRET;",
      "export const database = process.env.POSTGRES_PASSWORD;",
      "",
    ].join("\n"),
  };

  it("takes the variables of the service's gate/plaintext-secret findings from `check --format json`", () => {
    const dir = workspace(functions);
    const check = run(["check", "stack.yml", "--format", "json", "--fail-on", "none"], { cwd: dir, cli: BIN });
    expect(check.code).toBe(0);
    writeFileSync(path.join(dir, "report.json"), check.stdout);
    const r = codemod(["--from-report", "report.json", "--service", "functions", "--src", "functions"], dir);
    expect(r.code).toBe(0);
    for (const [binding, name] of [["admin", "HASURA_GRAPHQL_ADMIN_SECRET"], ["stripe", "STRIPE_SECRET_KEY"], ["webhook", "WEBHOOK_SIGNING_SECRET"]]) {
      expect(r.stdout).toContain(`+export const ${binding} = readSecretEnv("${name}");`);
    }
    // POSTGRES_PASSWORD is a finding of other services only.
    expect(r.stdout).toContain(" export const database = process.env.POSTGRES_PASSWORD;");
    expectNoSecretValues(r.stdout + r.stderr, stack);
  });

  it("the two steps: the codemod's image declared file-capable, env-to-secrets converts the service", () => {
    const dir = workspace(functions);
    const check = run(["check", "stack.yml", "--format", "json", "--fail-on", "none"], { cwd: dir, cli: BIN });
    writeFileSync(path.join(dir, "report.json"), check.stdout);
    expect(codemod(["--from-report", "report.json", "--service", "functions", "--src", "functions", "--write"], dir).code).toBe(0);
    const set = ["--set", 'env-to-secrets.fileCapableImages=["ghcr.io/busflow/functions"]'];
    const transform = run(["transform", "stack.yml", "--only", "env-to-secrets", ...set, "--write"], { cwd: dir, cli: BIN });
    expect(transform.code).toBe(0);
    const functionsService = /\n  functions:\n[\s\S]*?\n\n/.exec(read(dir, "stack.yml"))?.[0] ?? "";
    for (const name of ["HASURA_GRAPHQL_ADMIN_SECRET", "STRIPE_SECRET_KEY", "WEBHOOK_SIGNING_SECRET"]) {
      expect(functionsService).toContain(`${name}_FILE=/run/secrets/${name.toLowerCase()}`);
    }
    const after = JSON.parse(run(["check", "stack.yml", "--format", "json", "--fail-on", "none"], { cwd: dir, cli: BIN }).stdout) as { findings: { ruleId: string; service?: string }[] };
    expect(after.findings.filter((f) => f.ruleId === "gate/plaintext-secret" && f.service === "functions")).toEqual([]);
  });

  it("a report with no finding for the service changes nothing (exit 0)", () => {
    const dir = workspace({ ...functions, "report.json": `{ "findings": [] }\n` });
    const r = codemod(["--from-report", "report.json", "--src", "functions"], dir);
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(r.stderr).toContain("nothing to rewrite: report.json has no gate/plaintext-secret finding");
  });

  it.each([
    ["{ \"findings\": [ }\n", "error report.json:1:17: invalid JSON"],
    ["{ \"results\": [] }\n", "error report.json: not a compose-gate check report"],
  ])("a bad report is exit 2 with its position", (text, message) => {
    const dir = workspace({ ...functions, "report.json": text });
    const r = codemod(["--from-report", "report.json", "--src", "functions"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expectNoStackTrace(r.stderr);
  });
});

/** Literal values of the example's environment never appear in the codemod's output. */
function expectNoSecretValues(output: string, compose: string): void {
  const literal = /WEBHOOK_SIGNING_SECRET=(\S+)/.exec(compose)?.[1];
  expect(literal).toBeDefined();
  expect(output).not.toContain(literal);
}
