/** Test helpers shared by compose-gate's suites. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Dedent a template literal so YAML can be written inline at any indentation. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n").replace(/[ \t]+$/, "");
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The shared real-world corpus, read at run time; never copied into this repository.
 * `COMPOSE_GATE_CORPUS` points elsewhere (the test of the missing-corpus notice uses it).
 */
export const corpusDir = process.env.COMPOSE_GATE_CORPUS ? path.resolve(process.env.COMPOSE_GATE_CORPUS) : path.resolve(repoRoot, "../shared/corpus/real");

/** Printed once per test run (test/support/global-setup.ts) when the corpus is absent. */
export const CORPUS_NOTICE = `[compose-gate tests] corpus not found at ${corpusDir}: corpus tests skipped`;

export function corpusFiles(): { name: string; text: string }[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => !f.startsWith("MANIFEST"))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(corpusDir, name), "utf8") }));
}

/** Make line endings and a BOM visible in failure output (the golden harness's helper). */
export { visible } from "../src/testing/golden.js";
