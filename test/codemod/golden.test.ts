/**
 * Golden cases of `codemod secrets`, one folder per case under test/golden/codemod/:
 *
 *     options.json     { "vars": [...], "src": [...]?, "helper": "..."? }  (src defaults to ".")
 *     input/           the project as it is before (package.json, tsconfig.json, sources, …)
 *     expected.patch   the diff the codemod prints
 *     output/          every changed or created file, as expected after the rewrite
 *     findings.txt     the places reported instead of rewritten, `file:line:col message`
 *     run.json         optional: { entry, secrets, env, stdout } — the rewritten entry is run with
 *                      node, each secret in a file named by <NAME>_FILE, and must print stdout
 *
 * Each case runs on a copy of input/; the result is compared byte for byte, written, run again
 * (which must change nothing: idempotency), type-checked with the case's tsconfig.json (with
 * @types/node) and, with run.json, executed. UPDATE_GOLDEN=1 rewrites the expected files.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planSecretsCodemod, type CodemodPlan } from "../../src/codemod/plan.js";
import { writeAllOrNothing } from "../../src/io/write.js";
import { renderPatch } from "../../src/diff/index.js";
import { repoRoot, visible } from "../_utils.js";
import { typeCheck } from "./typecheck.js";

const suite = path.join(repoRoot, "test/golden/codemod");
const update = process.env.UPDATE_GOLDEN === "1";
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface CaseOptions {
  vars: string[];
  src?: string[];
  helper?: string;
}

interface RunSpec {
  entry: string;
  secrets: Record<string, string>;
  env: Record<string, string>;
  stdout: string;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function plan(dir: string, options: CaseOptions): CodemodPlan {
  return planSecretsCodemod({ cwd: dir, src: options.src ?? ["."], variables: options.vars, helper: options.helper });
}

function findingLines(p: CodemodPlan): string {
  return p.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}\n`).join("");
}

function walk(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

function writeExpected(caseDir: string, p: CodemodPlan): void {
  writeFileSync(path.join(caseDir, "expected.patch"), renderPatch(p.changes));
  writeFileSync(path.join(caseDir, "findings.txt"), findingLines(p));
  rmSync(path.join(caseDir, "output"), { recursive: true, force: true });
  for (const change of p.changes) {
    const file = path.join(caseDir, "output", change.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, change.after ?? "");
  }
}

/** Runs the entry of run.json in the rewritten tree, with each secret in a file. */
function runEntry(dir: string, spec: RunSpec): string {
  const secretsDir = tempDir("compose-gate-secrets-");
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...spec.env };
  for (const [name, value] of Object.entries(spec.secrets)) {
    const file = path.join(secretsDir, name.toLowerCase());
    writeFileSync(file, value);
    env[`${name}_FILE`] = file;
  }
  const result = spawnSync(process.execPath, [spec.entry], { cwd: dir, env, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout;
}

const cases = readdirSync(suite, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("golden: codemod secrets", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(10));

  for (const name of cases) {
    const caseDir = path.join(suite, name);
    const options = JSON.parse(readFileSync(path.join(caseDir, "options.json"), "utf8")) as CaseOptions;

    it(`${name}: matches the golden files, is idempotent, type-checks and runs`, () => {
      const dir = tempDir(`compose-gate-codemod-${name}-`);
      cpSync(path.join(caseDir, "input"), dir, { recursive: true });
      const before = new Map(walk(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));

      const first = plan(dir, options);
      expect(first.errors).toEqual([]);
      if (update) writeExpected(caseDir, first);
      expect(visible(renderPatch(first.changes))).toBe(visible(readFileSync(path.join(caseDir, "expected.patch"), "utf8")));
      expect(findingLines(first)).toBe(readFileSync(path.join(caseDir, "findings.txt"), "utf8"));
      const outputs = walk(path.join(caseDir, "output"));
      expect(first.changes.map((c) => c.path).sort()).toEqual(outputs);
      for (const file of outputs) {
        const change = first.changes.find((c) => c.path === file)!;
        expect(visible(change.after ?? "")).toBe(visible(readFileSync(path.join(caseDir, "output", file), "utf8")));
      }

      writeAllOrNothing(first.writes);
      for (const [file, text] of before) {
        if (!outputs.includes(file)) expect(readFileSync(path.join(dir, file), "utf8"), `${file} must stay untouched`).toBe(text);
      }
      const second = plan(dir, options);
      expect(second.errors).toEqual([]);
      expect(renderPatch(second.changes), "a second run must change nothing").toBe("");

      if (existsSync(path.join(dir, "tsconfig.json"))) {
        mkdirSync(path.join(dir, "node_modules/@types"), { recursive: true });
        symlinkSync(path.join(repoRoot, "node_modules/@types/node"), path.join(dir, "node_modules/@types/node"), "dir");
        expect(typeCheck(dir)).toEqual([]);
      }
      const runFile = path.join(caseDir, "run.json");
      if (existsSync(runFile)) {
        const spec = JSON.parse(readFileSync(runFile, "utf8")) as RunSpec;
        expect(runEntry(dir, spec)).toBe(spec.stdout);
      }
    });
  }
});
