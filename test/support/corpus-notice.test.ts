/**
 * Without the shared corpus, a test run prints one notice, not one per test file (#16 item 10:
 * it printed ten times). Runs vitest again on the suites that read the corpus, with the corpus
 * pointed at a folder that does not exist.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../_utils.js";

const CORPUS_SUITES = ["test/checks/corpus.test.ts", "test/document/roundtrip.test.ts", "test/corpus-schema.test.ts", "test/preset.test.ts", "test/transforms/node-exporter.test.ts"];

it("a run without the corpus says so once and passes", () => {
  const vitest = path.join(repoRoot, "node_modules/vitest/vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", ...CORPUS_SUITES], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, COMPOSE_GATE_CORPUS: path.join(repoRoot, "no-such-corpus"), FORCE_COLOR: "0" },
    timeout: 240_000,
  });
  const output = `${r.stdout}\n${r.stderr}`;
  expect(r.status, output.slice(-2000)).toBe(0);
  expect(output.match(/corpus not found/g)).toHaveLength(1);
  expect(output).toContain(`corpus not found at ${path.join(repoRoot, "no-such-corpus")}`);
});
