/**
 * The same inputs through the BUILT command line (`npm run build` first), as users run it:
 * `transform FILE --patch P` and `check FILE --format F` must end with exit code 0, 1 or 2,
 * print no stack trace, name the file when they refuse it, keep every report parseable, show
 * no planted secret, and write a patch that `git apply --check` accepts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../_utils.js";
import { CANARY } from "./inputs.js";

export const BIN = path.join(repoRoot, "bin/compose-gate.js");
export const FORMATS = ["json", "sarif", "stylish", "github"] as const;
export type Format = (typeof FORMATS)[number];

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): Spawned {
  const env = { ...process.env, NO_COLOR: "1" } as NodeJS.ProcessEnv;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace or an error class name: what users must never see for any input. */
export function crashIn(text: string): string | undefined {
  const frame = /\n\s+at .+[:(]\d+/.exec(text)?.[0];
  if (frame) return `stack frame ${JSON.stringify(frame.trim())}`;
  const name = /\b(TypeError|RangeError|ReferenceError|InternalError|internal error)\b/.exec(text)?.[0];
  return name ? `${name} in the output` : undefined;
}

function expectClean(what: string, r: Spawned, canaries: boolean): string[] {
  const out: string[] = [];
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) out.push(`${what}: exit code ${r.code}`);
  const crash = crashIn(r.stderr) ?? crashIn(r.stdout);
  if (crash) out.push(`${what}: ${crash}\n${r.stderr.slice(0, 2000)}`);
  if (r.code === 2 && !/compose\.yml(:\d+:\d+)?:/.test(r.stderr)) out.push(`${what}: exit 2 without naming compose.yml:\n${r.stderr.slice(0, 500)}`);
  if (canaries && (r.stdout.includes(CANARY) || r.stderr.includes(CANARY))) out.push(`${what}: a planted secret is shown`);
  return out;
}

function expectParseable(what: string, r: Spawned): string[] {
  try {
    JSON.parse(r.stdout);
    return [];
  } catch (error) {
    return [`${what}: stdout is not JSON (${(error as Error).message})`];
  }
}

/** Violations for one input run through `transform` and `check` in a throwaway folder. */
export function checkCli(content: string | Buffer, format: Format, canaries = false): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "compose-gate-fuzz-"));
  try {
    writeFileSync(path.join(dir, "compose.yml"), content);
    const violations: string[] = [];
    const transform = cli(["transform", "compose.yml", "--patch", "gate.patch"], dir);
    violations.push(...expectClean("transform", transform, canaries));
    const patch = path.join(dir, "gate.patch");
    if (transform.code === 0 && existsSync(patch) && readFileSync(patch, "utf8") !== "") {
      const applied = spawnSync("git", ["apply", "--check", "gate.patch"], { cwd: dir, encoding: "utf8" });
      if (applied.status !== 0) violations.push(`transform: git apply --check refuses the patch: ${applied.stderr.trim()}`);
    }
    const check = cli(["check", "compose.yml", "--format", format], dir);
    violations.push(...expectClean(`check --format ${format}`, check, canaries));
    if (format === "json" || format === "sarif") violations.push(...expectParseable(`check --format ${format}`, check));
    return violations;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
