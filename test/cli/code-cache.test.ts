/**
 * The launcher's code cache (src/cli/launch.cts): an optimisation that must never change what
 * the CLI does. Each test installs the built executable into its own node_modules (so the cache
 * lands in that project's node_modules/.cache/compose-gate, not the repository's) and compares
 * every run with a run without the cache.
 */
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { run, workspace, type RunResult } from "./helpers.js";

const EXAMPLE = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");

/** A project with compose-gate installed (the files the executable runs) and the example stack. */
function project(): { dir: string; cacheDir: string; check: (env?: Record<string, string>) => RunResult } {
  const dir = workspace({ "stack.yml": EXAMPLE });
  const installed = path.join(dir, "node_modules/compose-gate");
  for (const part of ["bin", "dist/cli/launch.cjs", "dist/cli-bundle/cli.js", "package.json"]) {
    cpSync(path.join(repoRoot, part), path.join(installed, part), { recursive: true });
  }
  // `check` runs the fix transforms its findings name (their options are zod schemas, kept out of the bundle).
  cpSync(path.join(repoRoot, "node_modules/zod"), path.join(dir, "node_modules/zod"), { recursive: true, dereference: true });
  const cli = path.join(installed, "bin/compose-gate.js");
  return {
    dir,
    cacheDir: path.join(dir, "node_modules/.cache/compose-gate"),
    check: (env = {}) => run(["check", "stack.yml"], { cwd: dir, cli, env: { COMPOSE_GATE_CODE_CACHE: undefined, ...env } }),
  };
}

const withDigest = (data: Buffer) => Buffer.concat([createHash("sha1").update(data).digest(), data]);
const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("the code cache", () => {
  it("is written by the first run, used by the next, and changes nothing in the output", () => {
    const p = project();
    const uncached = p.check({ COMPOSE_GATE_CODE_CACHE: "0" });
    expect(uncached.code).toBe(1);
    expect(cacheFiles(p.cacheDir)).toEqual([]);

    expect(p.check()).toEqual(uncached);
    const [file] = cacheFiles(p.cacheDir);
    expect(file).toMatch(/^cli-check-v\d+\.\d+\.\d+-\w+-[0-9a-f]{16}\.v8$/);
    const written = readFileSync(path.join(p.cacheDir, file));

    expect(p.check()).toEqual(uncached);
    // Accepted, so not written again.
    expect(readFileSync(path.join(p.cacheDir, file)).equals(written)).toBe(true);
  });

  it.each([
    ["a flipped byte", (data: Buffer) => Buffer.from(data.map((b, i) => (i === data.length >> 1 ? b ^ 0xff : b)))],
    ["a truncated file", (data: Buffer) => data.subarray(0, data.length >> 1)],
    // Passes the launcher's digest check, so V8 has to reject it.
    ["garbage with a matching digest", () => withDigest(Buffer.alloc(5000, 7))],
  ])("a damaged cache (%s) is ignored and replaced", (_, damage) => {
    const p = project();
    const expected = p.check();
    const [file] = cacheFiles(p.cacheDir);
    const cache = path.join(p.cacheDir, file);
    const damaged = damage(readFileSync(cache));
    writeFileSync(cache, damaged);
    expect(p.check()).toEqual(expected);
    expect(readFileSync(cache).equals(damaged)).toBe(false);
    expect(p.check()).toEqual(expected);
  });

  it("an unwritable cache folder costs nothing but the cache", () => {
    const p = project();
    mkdirSync(path.dirname(p.cacheDir), { recursive: true });
    writeFileSync(p.cacheDir, "a file where the cache folder would go\n");
    const expected = p.check({ COMPOSE_GATE_CODE_CACHE: "0" });
    expect(p.check()).toEqual(expected);
    expect(p.check()).toEqual(expected);
  });

  it("replaces the caches of older bundles, keeps one per command, and none for --version", () => {
    const p = project();
    mkdirSync(p.cacheDir, { recursive: true, mode: 0o700 });
    const old = `cli-check-${process.version}-${process.arch}-0000000000000000.v8`;
    writeFileSync(path.join(p.cacheDir, old), "an older bundle's cache\n");
    p.check();
    run(["--version"], { cwd: p.dir, cli: path.join(p.dir, "node_modules/compose-gate/bin/compose-gate.js") });
    const files = cacheFiles(p.cacheDir);
    expect(files).not.toContain(old);
    expect(files.map((f) => f.split("-")[1])).toEqual(["check"]);
  });

  it("follows the bundle's bytes: a bundle changed in place does not run the old bytecode", () => {
    const p = project();
    p.check();
    const [before] = cacheFiles(p.cacheDir);
    const bundle = path.join(p.dir, "node_modules/compose-gate/dist/cli-bundle/cli.js");
    // Same length, other bytes: V8 alone would accept the old cache for it.
    const text = readFileSync(bundle, "latin1");
    const at = text.indexOf("compose-gate CLI bundle ") + "compose-gate CLI bundle ".length;
    writeFileSync(bundle, text.slice(0, at) + (text[at] === "0" ? "1" : "0") + text.slice(at + 1), "latin1");
    p.check();
    const after = cacheFiles(p.cacheDir);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it.skipIf(typeof process.getuid !== "function")("is neither read nor written where others can write it", () => {
    for (const where of ["file", "folder"] as const) {
      const p = project();
      const expected = p.check();
      const [file] = cacheFiles(p.cacheDir);
      const cache = path.join(p.cacheDir, file);
      // Planted bytes that pass the digest: were they read, V8 would reject them and they would be replaced.
      const planted = withDigest(Buffer.alloc(5000, 7));
      writeFileSync(cache, planted);
      chmodSync(where === "file" ? cache : p.cacheDir, where === "file" ? 0o666 : 0o777);
      expect(p.check()).toEqual(expected);
      expect(readFileSync(cache).equals(planted)).toBe(true);
    }
  });
});
