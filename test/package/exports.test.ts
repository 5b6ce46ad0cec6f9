/**
 * The package's entry points as Node resolves them for a user (through package.json "exports",
 * to the BUILT files; `npm test` builds first). Tests elsewhere import the same names mapped to
 * the sources (vitest.config.ts), so this is what ties the two together.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";

const RECORD_LOADS = path.join(repoRoot, "test/cli/fixtures/record-loads.mjs");

/** Run an ES module snippet with node from the repository root (where "compose-gate" is a self-reference). */
function node(code: string, options: { nodeArgs?: string[]; env?: Record<string, string> } = {}): string {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), "--input-type=module", "-e", code], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

const exportedNames = (specifier: string) =>
  JSON.parse(node(`const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()))`));

describe("package exports", () => {
  it.each([
    ["compose-gate", "src/index.ts", "dist/index.js"],
    ["compose-gate/testing", "src/testing/index.ts", "dist/testing/index.js"],
  ])("%s exports what %s exports, from the built %s", async (specifier, source, built) => {
    const resolved = node(`console.log(import.meta.resolve(${JSON.stringify(specifier)}))`).trim();
    expect(resolved).toBe(new URL(`file://${path.join(repoRoot, built)}`).href);
    const sourceNames = Object.keys(await import(path.join(repoRoot, source))).sort();
    expect(exportedNames(specifier)).toEqual(sourceNames);
  });

  it("the main entry loads neither the testing module nor vitest", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "compose-gate-loads-"));
    const log = path.join(dir, "loads.txt");
    node(`await import("compose-gate")`, { nodeArgs: ["--import", RECORD_LOADS], env: { RECORD_LOADS_FILE: log } });
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    rmSync(dir, { recursive: true, force: true });
    expect(loaded.some((url) => url.includes("/dist/index.js"))).toBe(true); // the recorder saw the entry
    expect(loaded.filter((url) => url.includes("/dist/testing/") || url.includes("/node_modules/vitest/"))).toEqual([]);
  });
});
