/** Helpers for the check-rule suites: run one rule on inline YAML, and ask Docker's stack loader. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { runChecks, type CheckFinding, type CheckOptions } from "../../src/checks/index.js";

export interface FileText {
  name: string;
  text: string;
}

export function projectOf(files: string | FileText[]): Project {
  const list = typeof files === "string" ? [{ name: "compose.yml", text: files }] : files;
  return new Project(list.map((f) => parseCompose(f.text, { filename: f.name })));
}

/** The findings of `rule` (an id or pattern), in the engine's order. */
export function check(files: string | FileText[], rule: string, options: Omit<CheckOptions, "rules"> = {}): CheckFinding[] {
  return runChecks(projectOf(files), { ...options, rules: [rule] }).findings;
}

/** `line:column severity message` per finding: what a reviewer reads, in one assertion. */
export function lines(findings: CheckFinding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`);
}

/** Positions only, for suites where the message is asserted once elsewhere. */
export function positions(findings: CheckFinding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}`);
}

function hasDockerCli(): boolean {
  try {
    execFileSync("docker", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const dockerAvailable = hasDockerCli();
if (!dockerAvailable) console.warn("[compose-gate tests] docker CLI not found: docker stack config differential checks skipped");

export interface StackResult {
  ok: boolean;
  /** The normalised stack the loader produced (YAML). */
  stdout: string;
  stderr: string;
}

/**
 * `docker stack config -c …` on the given files (no engine needed): the loader
 * `docker stack deploy` uses. Runs with an empty environment apart from PATH, so
 * interpolation does not depend on the machine running the tests.
 */
export function stackConfig(files: string | FileText[], env: Record<string, string> = {}): StackResult {
  const list = typeof files === "string" ? [{ name: "compose.yml", text: files }] : files;
  const dir = mkdtempSync(path.join(tmpdir(), "compose-gate-stack-"));
  try {
    const args = ["stack", "config"];
    for (const f of list) {
      writeFileSync(path.join(dir, f.name), f.text);
      args.push("-c", path.join(dir, f.name));
    }
    const run = spawnSync("docker", args, { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir, ...env }, encoding: "utf8" });
    return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Docker agrees with a rule: the invalid text fails to load with `message`, the valid one loads. */
export function dockerAgrees(invalid: string, valid: string, message: RegExp): void {
  if (!dockerAvailable) return;
  const bad = stackConfig(invalid);
  expect(bad.ok).toBe(false);
  expect(bad.stderr).toMatch(message);
  expect(stackConfig(valid)).toMatchObject({ ok: true });
}

/** Docker loads the text (rules about what it ignores or misreads must not claim a rejection). */
export function dockerAccepts(files: string | FileText[]): void {
  if (dockerAvailable) expect(stackConfig(files)).toMatchObject({ ok: true });
}
