/**
 * Helpers for the gate-transform suites (offsite-backup, node-exporter, postgres-exporter):
 * running a transform on inline or corpus files, and the two external referees they answer
 * to — `docker stack config` (does Swarm still accept the stack?) and `promtool` (do the
 * rules load, and do they fire when they should?). Each referee is optional: when its tool is
 * missing the caller skips with a printed notice instead of passing silently.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseCompose } from "../../src/document/compose-document.js";
import { EditError } from "../../src/document/errors.js";
import { classifyValue, isSecretName } from "../../src/secrets/detect.js";
import { runTransforms, type RunResult, type SourceFile } from "../../src/transforms/pipeline.js";
import type { Transform } from "../../src/transforms/types.js";
import { listCases, loadCase, runCase } from "../../src/testing/golden.js";
import { corpusDir, repoRoot } from "../_utils.js";

export function run(transforms: Transform | Transform[], files: SourceFile[] | string, options: Record<string, Record<string, unknown>> = {}, editable?: string[]): RunResult {
  const inputs = typeof files === "string" ? [{ path: "compose.yml", text: files }] : files;
  return runTransforms(inputs, Array.isArray(transforms) ? transforms : [transforms], { options, ...(editable ? { editable } : {}) });
}

/** The single output file's text. */
export function output(result: RunResult, file = 0): string {
  return result.files[file].after;
}

/** The merged plain data of an output, for assertions on values rather than text. */
export function model(text: string): Record<string, any> {
  return parseCompose(text).toJS() as Record<string, any>;
}

function hasTool(command: string, args: string[]): boolean {
  const probe = spawnSync(command, args, { encoding: "utf8" });
  return probe.error === undefined && probe.status === 0;
}

export const dockerCli = hasTool("docker", ["--version"]);
export const promtool = hasTool("promtool", ["--version"]);

export function noteMissingTools(): void {
  if (!dockerCli) console.warn("[compose-gate tests] docker CLI not found: `docker stack config` checks skipped");
  if (!promtool) console.warn("[compose-gate tests] promtool not found: Prometheus rule checks skipped (apt-get install prometheus)");
}

export interface ToolResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function inTempDir<T>(files: { path: string; text: string }[], body: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "compose-gate-gate-"));
  try {
    for (const f of files) writeFileSync(path.join(dir, path.basename(f.path)), f.text);
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `docker stack config -c a -c b …` on the files, in a fresh directory, with `env` set. */
export function stackConfig(files: SourceFile[], env: Record<string, string> = {}): ToolResult {
  return inTempDir(files, (dir) => {
    const args = ["stack", "config", ...files.flatMap((f) => ["-c", path.basename(f.path)])];
    const r = spawnSync("docker", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
    return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  });
}

/** `promtool check rules` on one rule file. */
export function checkRules(rules: string): ToolResult {
  return inTempDir([{ path: "rules.yml", text: rules }], (dir) => {
    const r = spawnSync("promtool", ["check", "rules", "rules.yml"], { cwd: dir, encoding: "utf8" });
    return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  });
}

/** `promtool test rules` with a unit-test file that loads `rules.yml`. */
export function testRules(rules: string, unitTest: string): ToolResult {
  return inTempDir(
    [
      { path: "rules.yml", text: rules },
      { path: "rules.test.yml", text: unitTest },
    ],
    (dir) => {
      const r = spawnSync("promtool", ["test", "rules", "rules.test.yml"], { cwd: dir, encoding: "utf8" });
      return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    },
  );
}

/** Every option of a transform carries a description and a default (the options contract). */
export function undocumentedOptions(transform: Transform): string[] {
  const shape = transform.options.shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .filter(([, field]) => !field.description || field.safeParse(undefined).success === false)
    .map(([key]) => key);
}

/**
 * The file with every literal secret value replaced by a unique sentinel (`SENTINEL-3-q7Z`), and
 * the sentinels. A transform that leaks a secret into a finding or an extra file leaks a
 * sentinel, which no ordinary word can be mistaken for.
 */
export function withSentinelSecrets(text: string): { text: string; sentinels: string[] } {
  const doc = parseCompose(text);
  const sentinels: string[] = [];
  for (const service of doc.services()) {
    for (const entry of doc.env(service)) {
      const c = classifyValue(entry.value);
      const literalUrl = c?.kind === "url" && !/^\$/.test(c.urlPassword ?? "");
      if (!literalUrl && !(c?.kind === "literal" && isSecretName(entry.name))) continue;
      const kind = c!.kind;
      const sentinel = `SENTINEL-${sentinels.length}-q7Z`;
      const value = kind === "url" ? entry.value!.replace(/(:\/\/[^:/@\s]*:)([^@\s]+)@/, `$1${sentinel}@`) : sentinel;
      try {
        doc.setEnv(service, entry.name, value, { shared: "anchor" });
        sentinels.push(sentinel);
      } catch (error) {
        if (!(error instanceof EditError)) throw error;
      }
    }
  }
  return { text: doc.toString(), sentinels };
}

/** Sentinels that show up in a run's findings or extra files. */
export function leakedSentinels(result: RunResult, sentinels: string[]): string[] {
  const shown = [...result.findings.map((f) => f.message), ...result.extras.map((e) => e.content)].join("\n");
  return sentinels.filter((s) => shown.includes(s));
}

/**
 * Every golden case of a suite, run again and handed to `docker stack config`: where Swarm
 * accepted the input files, it must accept the output files (differential, all files together).
 */
export function goldenStackVerdicts(suite: string, transforms: (ids: string[]) => Promise<Transform[]>): { name: string; check: () => Promise<void> }[] {
  const root = path.join(repoRoot, "test/golden", suite);
  if (!existsSync(root)) return [];
  return listCases(root).map((dir) => ({
    name: path.basename(dir),
    check: async () => {
      const c = loadCase(dir, corpusDir);
      if (!c || !dockerCli) return;
      const actual = runCase(c, await transforms(c.config.transforms ?? [suite]));
      if (!stackConfig(c.inputs).ok) return;
      const verdict = stackConfig(actual.result.files.map((f) => ({ path: f.path, text: f.after })));
      if (!verdict.ok) throw new Error(`docker stack config rejects the output of ${suite}/${c.name}: ${verdict.stderr}`);
    },
  }));
}

/** The transforms a golden case names, loaded the way test/golden.test.ts loads them. */
export async function loadTransforms(ids: string[]): Promise<Transform[]> {
  return Promise.all(ids.map(async (id) => (await import(`../../src/transforms/${id}.ts`)).default as Transform));
}
