/**
 * `compose-gate check` end to end with the test checks of fixtures/test-registry.mjs: the four
 * formats (JSON shape, SARIF schema-valid with working fixes, GitHub escaping, stylish), the
 * --fail-on levels, config suppressions, and secret values kept out of every format even when
 * a rule puts one in its message.
 */
import { describe, expect, it } from "vitest";
import { BIN, expectNoCanary, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";
import { applyReplacements, sarifErrors, type SarifReplacement } from "./sarif-support.js";

const check = (cwd: string, ...args: string[]) => run(["check", ...args], { cwd });

describe("compose-gate check: formats", () => {
  it("stylish (default): findings per file, a summary, exit 1 on errors", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = check(dir, "compose.yml");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^compose\.yml\n {2}3:3 +info {5}db: no restart policy {2}test\/no-restart-policy {2}fix: test-restart-policy$/m);
    expect(r.stdout).toMatch(/6:7 +error +POSTGRES_PASSWORD holds a literal secret, value: \*\*\*\* {2}test\/literal-secret {2}fix: test-move-secrets/);
    expect(r.stdout).toContain("✖ 4 problems (2 errors, 1 warning, 1 info)");
    expect(r.stdout).toContain("3 can be fixed by `compose-gate transform`");
    expectNoCanary(r.stdout, r.stderr);
  });

  it("json: exactly { findings: [ { ruleId, severity, file, line, column, message, fix, … } ] }", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = check(dir, "compose.yml", "--format", "json");
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] };
    expect(Object.keys(data)).toEqual(["findings"]);
    expect(data.findings).toHaveLength(4);
    for (const f of data.findings) expect(Object.keys(f).slice(0, 7)).toEqual(["ruleId", "severity", "file", "line", "column", "message", "fix"]);
    expect(data.findings.find((f) => f.ruleId === "test/no-restart-policy")).toEqual({ ruleId: "test/no-restart-policy", severity: "info", file: "compose.yml", line: 3, column: 3, message: "db: no restart policy", fix: "test-restart-policy", service: "db" });
    expect(data.findings.find((f) => f.ruleId === "test/latest-tag")?.fix).toBeNull();
    expectNoCanary(r.stdout, r.stderr);
  });

  it("github: workflow annotations with GitHub's escaping", () => {
    const dir = workspace({ "we,ird:dir/compose.yml": STACK });
    const r = check(dir, "we,ird:dir/compose.yml", "--format", "github");
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines).toContain('::warning file=we%2Cird%3Adir/compose.yml,line=9,col=5,title=compose-gate test/latest-tag::web: image "nginx" has no pinned tag, title: a,b:c%25');
    expect(lines).toContain("::notice file=we%2Cird%3Adir/compose.yml,line=3,col=3,title=compose-gate test/no-restart-policy::db: no restart policy (fix: compose-gate transform --only test-restart-policy)");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(2);
    expectNoCanary(r.stdout, r.stderr);
  });

  it("sarif: valid SARIF 2.1.0 with rules, and fixes that equal what `transform` does", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = check(dir, "compose.yml", "--format", "sarif");
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const runLog = log.runs[0];
    expect(runLog.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(["test/literal-secret", "test/latest-tag", "test/no-restart-policy"]);
    const restart = runLog.results.find((res: { ruleId: string }) => res.ruleId === "test/no-restart-policy");
    expect(restart.level).toBe("note");
    expect(restart.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "compose.yml", uriBaseId: "SRCROOT" }, region: { startLine: 3, startColumn: 3 } });
    const fixed = applyReplacements(STACK, restart.fixes[0].artifactChanges[0].replacements);
    run(["transform", "compose.yml", "--only", "test-restart-policy", "--write"], { cwd: dir });
    expect(fixed).toBe(read(dir, "compose.yml"));
    expectNoCanary(r.stdout, r.stderr);
  });

  it("sarif: a fix names the files its transform would also create", () => {
    const dir = workspace({ "compose.yml": STACK });
    const log = JSON.parse(check(dir, "compose.yml", "--format", "sarif").stdout);
    const secret = log.runs[0].results.find((res: { ruleId: string }) => res.ruleId === "test/literal-secret");
    expect(secret.fixes[0].description.text).toBe("compose-gate transform --only test-move-secrets; it also creates scripts/check-secrets.sh");
    const inserted = secret.fixes[0].artifactChanges[0].replacements.map((rep: SarifReplacement) => rep.insertedContent.text).join("");
    expect(inserted).toContain("${POSTGRES_PASSWORD}");
  });

  it("an unknown format is exit 2 with the allowed list", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = check(dir, "compose.yml", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format xml: unknown value; allowed: stylish, json, sarif, github");
    expectNoStackTrace(r.stderr);
  });
});

describe("compose-gate check: exit codes and suppressions", () => {
  const clean = "services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        condition: any\n";

  it("--fail-on sets the severity that fails the run", () => {
    const dir = workspace({ "compose.yml": clean });
    expect(check(dir, "compose.yml").code).toBe(0);
    expect(check(dir, "compose.yml", "--fail-on", "warning").code).toBe(1);
    expect(check(dir, "compose.yml", "--fail-on", "info").code).toBe(1);
    const bad = check(dir, "compose.yml", "--fail-on", "warn");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--fail-on warn: unknown value (did you mean warning?); allowed: error, warning, info, none");
    const secrets = workspace({ "compose.yml": STACK });
    expect(check(secrets, "compose.yml", "--fail-on", "none").code).toBe(0);
  });

  it("no findings: stylish says so and exits 0", () => {
    const dir = workspace({ "compose.yml": "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n" });
    const r = check(dir, "compose.yml");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("✔ no problems in 1 file");
  });

  it("config suppressions (with a reason) set findings apart and do not fail the run", () => {
    const dir = workspace({
      "compose.yml": clean,
      "compose-gate.config.json": JSON.stringify({ check: { failOn: "warning", suppressions: [{ rule: "test/latest-tag", service: "web", reason: "pinned by digest in CI" }] } }),
    });
    const r = check(dir, "compose.yml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 suppressed by the config");
    const log = JSON.parse(check(dir, "compose.yml", "--format", "sarif").stdout);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results[0].suppressions).toEqual([{ kind: "external", justification: "pinned by digest in CI" }]);
  });

  it("a suppression without a reason, or for an unknown rule, is a config error (exit 2)", () => {
    const noReason = workspace({ "compose.yml": clean, "compose-gate.config.json": JSON.stringify({ check: { suppressions: [{ rule: "test/latest-tag", reason: " " }] } }) });
    const r1 = check(noReason, "compose.yml");
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain("check.suppressions.0.reason: a suppression needs a reason");
    const unknown = workspace({ "compose.yml": clean, "compose-gate.config.json": JSON.stringify({ check: { suppressions: [{ rule: "test/latest", reason: "x" }] } }) });
    const r2 = check(unknown, "compose.yml");
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('config check.suppressions.0.rule: unknown check rule "test/latest"');
    expectNoStackTrace(r1.stderr + r2.stderr);
  });

  it("--quiet shows only findings at the fail level", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = check(dir, "compose.yml", "--quiet");
    expect(r.stdout).not.toContain("no restart policy");
    expect(r.stdout).toContain("literal secret");
  });

  it("a file that cannot be read is exit 2 while the others are still reported", () => {
    const dir = workspace({ "bad.yml": "services: [\n", "compose.yml": STACK });
    const r = check(dir, "bad.yml", "compose.yml", "--format", "json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error bad\.yml:\d+:\d+: /);
    expect(JSON.parse(r.stdout).findings).toHaveLength(4);
    const sarif = JSON.parse(check(dir, "bad.yml", "compose.yml", "--format", "sarif").stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });
});

describe("compose-gate check: the .env beside a stack", () => {
  it("reports ${VAR}s only .env defines (swarm/dotenv) and never prints a value from it", () => {
    const dir = workspace({
      "deploy/stack.yml": "services:\n  api:\n    image: ghcr.io/org/api:${API_TAG}\n    environment:\n      LOG_LEVEL: ${LOG_LEVEL:-info}\n",
      "deploy/.env": "API_TAG=1.4.2\nDB_PASSWORD=canary-SECRET-1234\n",
    });
    const r = run(["check", "--format", "json", "--fail-on", "none", "deploy/stack.yml"], { cwd: dir, cli: BIN });
    expect(r.code).toBe(0);
    const dotenv = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; line: number }[] }).findings.filter((f) => f.ruleId === "swarm/dotenv");
    expect(dotenv.map((f) => `${f.line} ${f.message}`)).toEqual([
      "3 ${API_TAG} is defined only in .env, which docker stack deploy does not read: it deploys empty unless the deploying shell exports API_TAG",
    ]);
    expectNoCanary(r.stdout, r.stderr);
  });
});
