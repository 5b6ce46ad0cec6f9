/**
 * The shipped CLI (bin/compose-gate.js, real transforms and checks) on the Busflow example the
 * README runs. The transform part needs transforms in src/transforms/registry.ts and is skipped
 * with a notice while it is empty.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "./helpers.js";
import { applyReplacements, sarifErrors, type SarifReplacement } from "./sarif-support.js";

const EXAMPLE_DIR = path.join(repoRoot, "examples/busflow");
const PRODUCTION = "docker-compose.production.yml";
/** The literal webhook secret written in the example file. */
const SECRET = "whsec_4f9a1c2e8b7d6a5f3e2d1c0b";
const { TRANSFORMS } = await import(path.join(repoRoot, "dist/transforms/registry.js"));
const registered = (TRANSFORMS as unknown[]).length > 0;
if (!registered) console.warn("[compose-gate tests] src/transforms/registry.ts registers no transforms yet: Busflow transform tests skipped");

const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });
const copyOfExample = () => {
  const dir = workspace();
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  return dir;
};
const stackConfig = (dir: string) => spawnSync("docker", ["stack", "config", "-c", PRODUCTION], { cwd: dir, encoding: "utf8" });

describe.runIf(registered)("Busflow example: transform", () => {
  it("the README command prints the diff and the findings and exits 0", () => {
    const r = cli(repoRoot, "transform", `examples/busflow/${PRODUCTION}`);
    expect(r.stderr).not.toContain("error");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`diff --git a/examples/busflow/${PRODUCTION} b/examples/busflow/${PRODUCTION}`);
    expect(r.stderr).toContain("would change");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it("--check, --write, --check: 1, 0, 0, and docker stack config accepts the result", () => {
    const dir = copyOfExample();
    const before = stackConfig(dir);
    expect(cli(dir, "transform", PRODUCTION, "--check").code).toBe(1);
    const written = cli(dir, "transform", PRODUCTION, "--write");
    expect(written.code).toBe(0);
    expect(written.stdout + written.stderr).not.toContain(SECRET);
    const again = cli(dir, "transform", PRODUCTION, "--check");
    expect(again.stdout).toBe("");
    expect(again.code).toBe(0);
    if (before.status === 0) expect(stackConfig(dir).status).toBe(0);
  });

  it("after transform --write, check reports no gate error (only what images cannot do without a shim)", () => {
    const dir = copyOfExample();
    const set = ["--set", 'env-to-secrets.fileCapableImages=["ghcr.io/busflow/functions"]'];
    expect(cli(dir, "transform", PRODUCTION, "--write", ...set).code).toBe(0);
    const r = cli(dir, "check", PRODUCTION, "--format", "json", "--fail-on", "error");
    expect(r.code).toBe(0);
    const gate = (JSON.parse(r.stdout).findings as { ruleId: string; severity: string }[]).filter((f) => f.ruleId.startsWith("gate/"));
    expect(gate.filter((f) => f.severity === "error")).toEqual([]);
    expect(new Set(gate.map((f) => f.ruleId))).toEqual(new Set(["gate/plaintext-secret"]));
  });

  it("--patch applied to a fresh copy gives what --write gives", () => {
    const dir = copyOfExample();
    expect(cli(dir, "transform", PRODUCTION, "--patch", "gate.patch").code).toBe(0);
    expect(spawnSync("git", ["apply", "gate.patch"], { cwd: dir, encoding: "utf8" }).status).toBe(0);
    const written = copyOfExample();
    cli(written, "transform", PRODUCTION, "--write");
    expect(readFileSync(path.join(dir, PRODUCTION), "utf8")).toBe(readFileSync(path.join(written, PRODUCTION), "utf8"));
  });

  it("check --format sarif: its fixes make the changes `transform --only` makes", () => {
    const dir = copyOfExample();
    const log = JSON.parse(cli(dir, "check", PRODUCTION, "--format", "sarif").stdout);
    expect(sarifErrors(log)).toEqual([]);
    const minio = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "gate/minio");
    const original = readFileSync(path.join(dir, PRODUCTION), "utf8");
    const fixed = applyReplacements(original, minio.fixes[0].artifactChanges[0].replacements as SarifReplacement[]);
    cli(dir, "transform", PRODUCTION, "--only", minio.fixes[0].description.text.split("--only ")[1].split(/[;\s]/)[0], "--write");
    expect(fixed).toBe(readFileSync(path.join(dir, PRODUCTION), "utf8"));
  });
});

describe("Busflow example: check", () => {
  it("reports the open gate items in every format without the literal secret", () => {
    for (const format of ["stylish", "json", "sarif", "github"]) {
      const r = cli(EXAMPLE_DIR, "check", PRODUCTION, "--format", format);
      expect(r.code, `${format}: ${r.stderr}`).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
    const json = JSON.parse(cli(EXAMPLE_DIR, "check", PRODUCTION, "--format", "json").stdout) as { findings: { ruleId: string; fix: string | null }[] };
    expect(json.findings.map((f) => f.ruleId)).toContain("gate/minio");
    const sarif = JSON.parse(cli(EXAMPLE_DIR, "check", PRODUCTION, "--format", "sarif").stdout);
    expect(sarifErrors(sarif)).toEqual([]);
  });

  it.runIf(registered)("every fix a check names is a transform `list` knows", () => {
    const listed = cli(EXAMPLE_DIR, "list").stdout;
    const json = JSON.parse(cli(EXAMPLE_DIR, "check", PRODUCTION, "--format", "json").stdout) as { findings: { fix: string | null }[] };
    for (const fix of new Set(json.findings.map((f) => f.fix).filter(Boolean))) expect(listed).toMatch(new RegExp(`^  ${fix} `, "m"));
  });
});
