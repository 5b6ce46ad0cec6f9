/**
 * The command line itself: help with examples on every command, the version, usage errors
 * (exit 2, no stack trace), `list` and `explain` (with the test registry).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { expectNoStackTrace, run, workspace } from "./helpers.js";

const version = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

describe("compose-gate: help, version, usage errors", () => {
  const cwd = workspace();

  it("--version prints the package.json version", () => {
    expect(run(["--version"], { cwd })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(run(["-v"], { cwd }).stdout).toBe(`${version}\n`);
  });

  it("--help lists the commands, options, examples and exit codes", () => {
    const r = run(["--help"], { cwd });
    expect(r.code).toBe(0);
    for (const text of ["transform [...paths]", "check [...paths]", "codemod <name>", "list", "explain <id>", "--no-color", "Examples:", "Exit codes: 0"]) expect(r.stdout).toContain(text);
  });

  it.each(["transform", "check", "codemod", "list", "explain"])("%s --help shows its options and examples", (command) => {
    const r = run([command, "--help"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`$ compose-gate ${command}`);
    expect(r.stdout).toContain("Examples:\n  $ compose-gate");
    expect(r.stdout).toContain("Global options:");
  });

  it("transform --help documents that --patch is not masked", () => {
    expect(run(["transform", "--help"], { cwd }).stdout).toMatch(/--patch <file> +Also write one patch for `git apply` \(NOT masked/);
  });

  it("no command prints the help on stderr with exit 2", () => {
    const r = run([], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Commands:");
  });

  it("an unknown command is exit 2 with a suggestion", () => {
    const r = run(["transfrom"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "transfrom" (did you mean transform?); commands: transform, check, secrets, codemod, list, explain');
    expectNoStackTrace(r.stderr);
  });

  it("a missing argument or option value is exit 2", () => {
    const explain = run(["explain"], { cwd });
    expect(explain.code).toBe(2);
    expect(explain.stderr).toContain("missing required args for command `explain <id>`");
    const patch = run(["transform", "x.yml", "--patch"], { cwd });
    expect(patch.code).toBe(2);
    expect(patch.stderr).toContain("option `--patch <file>` value is missing");
    const extra = run(["list", "extra"], { cwd });
    expect(extra.code).toBe(2);
    expectNoStackTrace(explain.stderr + patch.stderr + extra.stderr);
  });
});

describe("compose-gate list and explain", () => {
  const cwd = workspace();

  it("list shows transforms, presets and checks with one line each", () => {
    const r = run(["list"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}test-move-secrets +Replaces literal secret values with \$\{NAME\} references {2}\(closes test\/literal-secret\)$/m);
    expect(r.stdout).toMatch(/^ {2}pre-first-client +test-move-secrets → test-restart-policy {2}\(default\)$/m);
    expect(r.stdout).toMatch(/^ {2}test\/latest-tag +warning {2}Image without a pinned tag$/m);
  });

  it("explain <transform> shows its options with types and defaults from the schema, and an example diff", () => {
    const r = run(["explain", "test-move-secrets"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("test-move-secrets — Move literal secrets out (test)");
    expect(r.stdout).toContain('  style   "braces" | "plain"  (default: "braces")\n          How the reference is written');
    expect(r.stdout).toContain("  script  boolean  (default: true)");
    expect(r.stdout).toContain("compose-gate transform examples/busflow/docker-compose.production.yml --only test-move-secrets");
    expect(r.stdout).toContain("diff --git a/examples/busflow/docker-compose.production.yml");
    expect(r.stdout).not.toContain("whsec_4f9a1c2e8b7d6a5f3e2d1c0b");
  });

  it("explain <check> shows the rule, its fix and how to suppress it", () => {
    const r = run(["explain", "test/literal-secret"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("test/literal-secret — A secret is written in the file");
    expect(r.stdout).toContain("Fix: compose-gate transform --only test-move-secrets (Move literal secrets out (test); compose-gate explain test-move-secrets)");
    expect(r.stdout).toContain('"rule": "test/literal-secret"');
  });

  it("explain of an unknown id is exit 2 with the known ids", () => {
    const r = run(["explain", "test-move"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown transform or check id "test-move" (did you mean test-move-secrets?)');
  });
});
