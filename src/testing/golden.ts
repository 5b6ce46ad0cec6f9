/**
 * Golden cases for transforms: a folder per case holding the input file(s), the options, the
 * expected output and the expected diff, compared byte for byte. The same cases also prove the
 * invariants every transform must keep — the input round-trips, the output reads back, a
 * second run changes nothing, and CRLF and BOM variants of the input behave the same.
 *
 * Layout of `<root>/<suite>/<case>/`:
 *
 *     options.json        { "options": {…}, "transforms": ["id", …]?, "editable": ["file"]?,
 *                           "corpus": ["name.yml"]?, "companions": {"<role>": "file"}? }
 *                         (all optional)
 *     input/<file>.yml    one or more compose files, in -f order (sorted by name unless
 *                         options.json lists "files"); a file named under "companions" is
 *                         that companion stack instead (e.g. the observability stack)
 *     existing/<path>     files the project already holds, for transforms that read them
 *                         (`ctx.readFile`); the case folder stands for both the stack's folder
 *                         and the repository root
 *     expected.patch      the diff of every changed file and every extra file
 *     output/<file>       each changed compose file and each extra file, as expected
 *     findings.txt        one line per finding: kind, transform, location, message
 *
 * Cases on the shared real-world corpus name the corpus files in `corpus` and store no input
 * and no output: only the patch and the findings, since the files belong to other projects.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderPatch, type FileChange } from "../diff/index.js";
import type { CompanionRole } from "../project/project.js";
import { runTransforms, type CompanionSource, type RunResult, type SourceFile } from "../transforms/pipeline.js";
import type { Finding, Transform } from "../transforms/types.js";

export interface GoldenCaseConfig {
  options?: Record<string, Record<string, unknown>>;
  transforms?: string[];
  editable?: string[];
  corpus?: string[];
  files?: string[];
  companions?: Partial<Record<CompanionRole, string>>;
}

/** What a run starts from: the stack's files, its companions, and the other files on disk. */
export interface GoldenWorld {
  inputs: SourceFile[];
  companions: CompanionSource[];
  /** Files the project holds besides compose files, by path. */
  existing: Map<string, string>;
}

export interface GoldenCase extends GoldenWorld {
  name: string;
  dir: string;
  config: GoldenCaseConfig;
  /** True when the inputs come from the shared corpus (only the patch and findings are stored). */
  fromCorpus: boolean;
}

export interface GoldenActual {
  patch: string;
  outputs: Map<string, string>;
  findings: string;
  result: RunResult;
}

/** Read a case folder. Corpus inputs are read from `corpusDir`; undefined when it is absent. */
export function loadCase(dir: string, corpusDir?: string): GoldenCase | undefined {
  const configPath = path.join(dir, "options.json");
  const config: GoldenCaseConfig = existsSync(configPath) ? JSON.parse(readFileSync(configPath, "utf8")) : {};
  let inputs: SourceFile[];
  const companionFiles = Object.entries(config.companions ?? {}) as [CompanionRole, string][];
  const inputDir = path.join(dir, "input");
  if (config.corpus) {
    if (!corpusDir || !existsSync(corpusDir)) return undefined;
    inputs = config.corpus.map((name) => ({ path: name, text: readFileSync(path.join(corpusDir, name), "utf8") }));
  } else {
    const isCompanion = (name: string) => companionFiles.some(([, file]) => file === name);
    const names = config.files ?? readdirSync(inputDir).filter((name) => !isCompanion(name)).sort();
    inputs = names.map((name) => ({ path: name, text: readFileSync(path.join(inputDir, name), "utf8") }));
  }
  const companions = companionFiles.map(([role, file]) => ({ role, path: file, text: readFileSync(path.join(inputDir, file), "utf8") }));
  const existingDir = path.join(dir, "existing");
  const existing = new Map<string, string>();
  if (existsSync(existingDir)) for (const rel of walk(existingDir)) existing.set(rel, readFileSync(path.join(existingDir, rel), "utf8"));
  return { name: path.basename(dir), dir, config, inputs, companions, existing, fromCorpus: Boolean(config.corpus) };
}

export function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : "-";
  return `${f.kind} ${f.transform} ${where} ${f.message}`;
}

/**
 * Run the case's transforms and render what the golden files would hold. `world` replaces what
 * the case starts from (a second run starts from `afterRun` of the first).
 */
export function runCase(c: GoldenCase, transforms: Transform[], world: Partial<GoldenWorld> = {}): GoldenActual {
  const { inputs, companions, existing } = { ...c, ...world } as GoldenWorld;
  const result = runTransforms(inputs, transforms, {
    options: c.config.options,
    editable: c.config.editable,
    companions,
    readFile: (file) => existing.get(path.posix.normalize(file)),
  });
  const changes: FileChange[] = result.files
    .filter((f) => f.before !== f.after)
    .map((f) => ({ path: f.path, before: f.before, after: f.after }));
  const outputs = new Map<string, string>();
  for (const f of result.files) if (f.before !== f.after) outputs.set(f.path, f.after);
  for (const extra of result.extras) {
    // As `--write` treats it: an existing file with the same content is no change.
    const before = extra.replaces ?? existing.get(extra.path) ?? null;
    if (before === extra.content) continue;
    changes.push({ path: extra.path, before, after: extra.content, mode: extra.mode });
    outputs.set(extra.path, extra.content);
  }
  return {
    patch: renderPatch(changes, { maxEditLength: 5000 }),
    outputs,
    findings: result.findings.map(formatFinding).join("\n") + (result.findings.length ? "\n" : ""),
    result,
  };
}

/** The project after `--write` of `actual`: what a second run starts from. */
export function afterRun(c: GoldenCase, actual: GoldenActual): GoldenWorld {
  const { files, extras } = actual.result;
  const existing = new Map(c.existing);
  for (const extra of extras) existing.set(extra.path, extra.content);
  return {
    inputs: files.filter((f) => !f.role).map((f) => ({ path: f.path, text: f.after })),
    companions: [
      ...files.filter((f) => f.role).map((f) => ({ role: f.role!, path: f.path, text: f.after })),
      ...extras.filter((e) => e.role).map((e) => ({ role: e.role!, path: e.path, text: e.content })),
    ],
    existing,
  };
}

export function readExpected(c: GoldenCase): { patch: string; outputs: Map<string, string>; findings: string } {
  const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : "");
  const outputs = new Map<string, string>();
  const outDir = path.join(c.dir, "output");
  if (!c.fromCorpus && existsSync(outDir)) {
    for (const rel of walk(outDir)) outputs.set(rel, readFileSync(path.join(outDir, rel), "utf8"));
  }
  return { patch: read(path.join(c.dir, "expected.patch")), outputs, findings: read(path.join(c.dir, "findings.txt")) };
}

/** Rewrite the case's golden files from an actual run (UPDATE_GOLDEN=1). */
export function writeExpected(c: GoldenCase, actual: GoldenActual): void {
  writeFileSync(path.join(c.dir, "expected.patch"), actual.patch);
  writeFileSync(path.join(c.dir, "findings.txt"), actual.findings);
  const outDir = path.join(c.dir, "output");
  rmSync(outDir, { recursive: true, force: true });
  if (c.fromCorpus) return;
  for (const [rel, text] of actual.outputs) {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function walk(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Case folders under a suite folder, sorted. */
export function listCases(suiteDir: string): string[] {
  return readdirSync(suiteDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(suiteDir, e.name))
    .sort();
}

/** Convert LF input to CRLF (the derived variant every case must also pass). */
export const toCRLF = (text: string) => text.replace(/\r?\n/g, "\r\n");
export const withBOM = (text: string) => (text.startsWith("\uFEFF") ? text : `\uFEFF${text}`);

/** Make line endings and a BOM visible, so a failed comparison shows where they differ. */
export function visible(text: string): string {
  return text.replace(/^\uFEFF/, "<BOM>").replace(/\r\n/g, "<CRLF>\n").replace(/\r/g, "<CR>");
}
