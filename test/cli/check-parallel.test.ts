/**
 * `compose-gate check` over many stacks shares them with a worker thread: each stack's result
 * must be the one checking it on the main thread gives, and the command's output must keep
 * the input order, files that fail to load included.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, corpusFiles, noteMissingCorpus, repoRoot } from "../_utils.js";
import type { StackCheck } from "../../src/cli/check-stack.js";
import { BIN, expectNoCanary, expectNoStackTrace, run, STACK, workspace } from "./helpers.js";

// The built modules: the worker thread runs dist/cli/check-worker.js.
const dist = (file: string): Promise<unknown> => import(path.join(repoRoot, "dist/cli", file));
const { checkStacks, MIN_PARALLEL_STACKS } = (await dist("check-parallel.js")) as typeof import("../../src/cli/check-parallel.js");
const { loadDefaultRegistry } = (await dist("registry.js")) as typeof import("../../src/cli/registry.js");

const BROKEN = "services:\n  web: [\n";

describe("check on two threads", () => {
  it("gives every stack the result the main thread alone gives", async () => {
    const corpus = corpusFiles().slice(0, 12);
    if (corpus.length === 0) noteMissingCorpus();
    const dir = workspace({ "a/compose.yml": STACK, "b/compose.yml": BROKEN, "c/docker-compose.yml": STACK.replace("postgres:16", "minio/minio") });
    const files = [...corpus.map((f) => path.join(corpusDir, f.name)), ...["a/compose.yml", "b/compose.yml", "c/docker-compose.yml"].map((f) => path.join(dir, f))];
    const stacks = [...files, ...files].map((file) => ({ files: [file] }));
    expect(stacks.length).toBeGreaterThanOrEqual(MIN_PARALLEL_STACKS);
    const { runChecks } = await loadDefaultRegistry({ transforms: false });
    const options = { suppressions: [{ rule: "swarm/*", reason: "checked elsewhere" }] };
    const plain = (results: StackCheck[]) => results.map(({ stack: _stack, ...rest }) => rest);
    const alone = plain(await checkStacks(stacks, runChecks!, options, dir, false));
    const shared = plain(await checkStacks(stacks, runChecks!, options, dir, true));
    expect(shared).toEqual(alone);
    expect(alone.filter((r) => r.errors.length > 0)).toHaveLength(2);
    expect(alone.some((r) => r.found.length > 0 && r.secrets.length > 0)).toBe(true);
  });

  it("the command reports many stacks in input order, a broken one as an error (exit 2)", () => {
    const names = Array.from({ length: MIN_PARALLEL_STACKS + 2 }, (_, i) => `s${i}/compose.yml`);
    const dir = workspace(Object.fromEntries(names.map((n, i) => [n, i === 3 ? BROKEN : STACK])));
    const r = run(["check", ...names.map((n) => path.dirname(n)), "--format", "json"], { cwd: dir, cli: BIN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error s3\/compose\.yml:\d+:\d+: /m);
    expectNoStackTrace(r.stderr);
    expectNoCanary(r.stdout, r.stderr);
    const order = (JSON.parse(r.stdout).findings as { file: string }[]).map((f) => f.file).filter((f, i, all) => all.indexOf(f) === i);
    expect(order).toEqual(names.filter((_, i) => i !== 3));
  });
});
