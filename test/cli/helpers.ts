/**
 * Helpers for the CLI's end-to-end tests: run the BUILT CLI (`npm run build` first; `npm test`
 * does) in a throwaway directory and capture its exit code, stdout and stderr.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { repoRoot } from "../_utils.js";

/** The shipped executable (real registry). */
export const BIN = path.join(repoRoot, "bin/compose-gate.js");
/** The built CLI with the test transforms and checks of fixtures/test-registry.mjs. */
export const TEST_CLI = path.join(repoRoot, "test/cli/fixtures/cli.mjs");

if (!existsSync(path.join(repoRoot, "dist/cli/run.js"))) {
  throw new Error("dist/cli is missing: run `npm run build` before the CLI tests (`npm test` does)");
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** The script to run (default: the CLI with the test registry). */
  cli?: string;
  nodeArgs?: string[];
  /** Milliseconds before the run is killed (default 60 000): tests of hangs use less. */
  timeout?: number;
}

export function run(args: string[], options: RunOptions): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.cli ?? TEST_CLI, ...args], {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: options.timeout ?? 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory with `files` written into it (paths relative, parents created). */
export function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "compose-gate-cli-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export function read(dir: string, name: string): string {
  return readFileSync(path.join(dir, name), "utf8");
}

/** Secret values planted in the fixtures; no output but a `--patch` file may contain them. */
export const CANARIES = ["canary-SECRET-1234", "canary-TOKEN-5678"];

export const STACK = `# Test stack
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${CANARIES[0]}
      POSTGRES_USER: app
  web:
    image: nginx
    environment:
      - API_TOKEN=${CANARIES[1]}
      - MODE=prod
    deploy:
      restart_policy:
        condition: any
`;

/** Asserts that no canary appears in any of the texts. */
export function expectNoCanary(...texts: string[]): void {
  for (const text of texts) {
    for (const canary of CANARIES) {
      if (text.includes(canary)) throw new Error(`secret canary ${canary} leaked into output:\n${text}`);
    }
  }
}

/** A user error must never print a stack trace. */
export function expectNoStackTrace(text: string): void {
  if (/\n\s+at .+[:(]\d+/.test(text) || text.includes("internal error")) throw new Error(`unexpected stack trace:\n${text}`);
}
