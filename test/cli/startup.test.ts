/**
 * What the CLI loads. `transform` and `check` must never load ts-morph (about +0.7 s, see
 * shared/research/toolchain.md §4), `codemod` only when a source file passes its text prefilter,
 * and `--help`/`--version` load only the argument parser and colours. A preload records every module the process resolves (ES modules through a resolve
 * hook, CommonJS ones from require.cache); a positive control proves it sees ts-morph.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, run, TEST_CLI, workspace } from "./helpers.js";

const HOOK = path.join(repoRoot, "test/cli/fixtures/record-loads.mjs");
const EXAMPLE = path.join(repoRoot, "examples/busflow/docker-compose.production.yml");

/** Packages (node_modules names) the process loaded while running `args` in a workspace holding `files`. */
function packagesLoaded(args: string[], cli = BIN, files: Record<string, string> = {}): Set<string> {
  const dir = workspace(files);
  const log = path.join(dir, "loads.txt");
  run(args, { cwd: dir, cli, nodeArgs: ["--import", HOOK], env: { RECORD_LOADS_FILE: log } });
  const lines = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const names = lines.flatMap((line) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line.replace(/\\/g, "/"));
    return m && !line.endsWith("record-loads-hooks.mjs") ? [m[1]] : [];
  });
  return new Set(names);
}

describe("compose-gate: what it loads", () => {
  it("the recorder sees ts-morph when it is loaded (positive control)", () => {
    const loaded = packagesLoaded([], path.join(repoRoot, "test/cli/fixtures/load-ts-morph.mjs"));
    expect(loaded.has("ts-morph")).toBe(true);
  });

  // The shipped registry, and the test registry (which runs every code path whatever the
  // shipped registry holds today).
  it.each([
    ["transform", BIN, ["transform", EXAMPLE]],
    ["transform --check", BIN, ["transform", EXAMPLE, "--check"]],
    ["check", BIN, ["check", EXAMPLE]],
    ["check --format sarif", BIN, ["check", EXAMPLE, "--format", "sarif"]],
    ["transform (test registry)", TEST_CLI, ["transform", EXAMPLE]],
    ["check --format sarif (test registry)", TEST_CLI, ["check", EXAMPLE, "--format", "sarif"]],
  ])("%s does not load ts-morph", (_, cli, args) => {
    const loaded = packagesLoaded(args, cli);
    expect(loaded.has("cac")).toBe(true);
    expect(loaded.has("yaml")).toBe(true);
    expect(loaded.has("ts-morph")).toBe(false);
    expect(loaded.has("@ts-morph/common")).toBe(false);
    expect(loaded.has("typescript")).toBe(false);
  });

  it("--help and --version load only the argument parser and colours", () => {
    for (const flag of ["--help", "--version"]) expect([...packagesLoaded([flag])].sort()).toEqual(["cac", "picocolors"]);
    expect([...packagesLoaded(["codemod", "--help"])].sort()).toEqual(["cac", "picocolors"]);
  });

  // The codemod parses only files its text prefilter lets through, and loads ts-morph only then.
  const sources = {
    "src/reads.ts": "export const key = process.env.STRIPE_SECRET_KEY;\n",
    "src/other.ts": "export const port = process.env.PORT;\n",
  };

  it("codemod loads ts-morph when a file reads a variable it rewrites", () => {
    const loaded = packagesLoaded(["codemod", "secrets", "--vars", "STRIPE_SECRET_KEY", "--src", "src"], BIN, sources);
    expect(loaded.has("ts-morph")).toBe(true);
  });

  it("codemod does not load ts-morph when no file mentions the variables", () => {
    const loaded = packagesLoaded(["codemod", "secrets", "--vars", "DB_PASSWORD", "--src", "src"], BIN, sources);
    expect(loaded.has("fast-glob")).toBe(true);
    expect(loaded.has("ts-morph")).toBe(false);
    expect(loaded.has("@ts-morph/common")).toBe(false);
  });

  it("importing the library entry (which exports the codemod) does not load ts-morph", () => {
    const loaded = packagesLoaded([], path.join(repoRoot, "test/cli/fixtures/import-library.mjs"));
    expect(loaded.has("yaml")).toBe(true);
    expect(loaded.has("ts-morph")).toBe(false);
    expect(loaded.has("@ts-morph/common")).toBe(false);
  });
});
