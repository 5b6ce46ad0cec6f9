/**
 * What the CLI loads. `transform` and `check` must never load ts-morph (about +0.7 s, see
 * shared/research/toolchain.md §4), `codemod` only when a source file passes its text prefilter,
 * and `--help`/`--version` load only the argument parser and colours. A preload records every
 * module the process resolves (ES modules through a resolve hook, CommonJS ones from
 * require.cache); a positive control proves it sees ts-morph.
 *
 * The shipped executable runs the bundle (scripts/build-cli.ts): yaml, cac and compose-gate's
 * own modules are inside it, so what it loads from node_modules is only what the bundle leaves
 * out (zod, fast-glob, ts-morph), and the bundle's inputs (dist/cli-bundle/inputs.json) show that
 * ts-morph is not inside. The unbundled build (dist/cli/main.js, and the test registry's CLI)
 * shows which packages each command reaches.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, run, TEST_CLI, workspace } from "./helpers.js";

const HOOK = path.join(repoRoot, "test/cli/fixtures/record-loads.mjs");
const EXAMPLE = path.join(repoRoot, "examples/busflow/docker-compose.production.yml");
/** The CLI as tsc builds it, one module per source file (bin/ runs the bundle of the same entry). */
const UNBUNDLED = path.join(repoRoot, "dist/cli/main.js");
const COMPILER = ["ts-morph", "@ts-morph/common", "typescript"];

/** Packages (node_modules names) the process loaded while running `args` in a workspace holding `files`. */
function packagesLoaded(args: string[], cli = BIN, files: Record<string, string> = {}): Set<string> {
  const dir = workspace(files);
  const log = path.join(dir, "loads.txt");
  // The example lies outside the throwaway workspace (the project root here).
  const result = run(args.includes(EXAMPLE) ? [...args, "--allow-outside"] : args, { cwd: dir, cli, nodeArgs: ["--import", HOOK], env: { RECORD_LOADS_FILE: log } });
  // A run that crashed early would load little; only a finished run's trace counts.
  expect([0, 1], result.stderr).toContain(result.code);
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

  it("the bundle holds yaml and cac but not the TypeScript compiler", () => {
    const { inputs } = JSON.parse(readFileSync(path.join(repoRoot, "dist/cli-bundle/inputs.json"), "utf8")) as { inputs: string[] };
    const bundled = new Set(inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));
    expect(bundled.has("yaml")).toBe(true);
    expect(bundled.has("cac")).toBe(true);
    for (const name of COMPILER) expect(bundled.has(name)).toBe(false);
  });

  // The shipped executable loads from node_modules only what its bundle leaves out.
  it.each([
    ["transform", ["transform", EXAMPLE], ["zod"]],
    ["transform --check", ["transform", EXAMPLE, "--check"], ["zod"]],
    // check runs the transforms its findings name as fixes, to say only what they would fix.
    ["check", ["check", EXAMPLE], ["zod"]],
    ["check --format sarif", ["check", EXAMPLE, "--format", "sarif"], ["zod"]],
  ])("%s (shipped) loads no ts-morph", (_, args, packages) => {
    expect([...packagesLoaded(args)].sort()).toEqual(packages);
  });

  // The unbundled build and the test registry (which runs every code path whatever the shipped
  // registry holds today).
  it.each([
    ["transform", UNBUNDLED, ["transform", EXAMPLE]],
    ["check --format sarif", UNBUNDLED, ["check", EXAMPLE, "--format", "sarif"]],
    ["transform (test registry)", TEST_CLI, ["transform", EXAMPLE]],
    ["check --format sarif (test registry)", TEST_CLI, ["check", EXAMPLE, "--format", "sarif"]],
  ])("%s (unbundled) does not load ts-morph", (_, cli, args) => {
    const loaded = packagesLoaded(args, cli);
    expect(loaded.has("cac")).toBe(true);
    expect(loaded.has("yaml")).toBe(true);
    for (const name of COMPILER) expect(loaded.has(name)).toBe(false);
  });

  it("--help and --version load only the argument parser and colours", () => {
    for (const flag of ["--help", "--version"]) expect([...packagesLoaded([flag], UNBUNDLED)].sort()).toEqual(["cac", "picocolors"]);
    expect([...packagesLoaded(["codemod", "--help"], UNBUNDLED)].sort()).toEqual(["cac", "picocolors"]);
    // Shipped: everything they need is in the bundle.
    for (const args of [["--help"], ["--version"], ["codemod", "--help"]]) expect([...packagesLoaded(args)]).toEqual([]);
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
