/**
 * One run of `codemod secrets`, without printing or writing: find the sources, keep those the
 * text prefilter lets through, parse them (only then is ts-morph loaded), rewrite the reads,
 * add the helper import, and decide the helper module. The result lists the changes to show,
 * the writes to make, the reads that were reported instead of rewritten, and the errors.
 */
import path from "node:path";
import { displayPath } from "../io/paths.js";
import { isWithin, realLocation } from "../io/project-root.js";
import { readRegularFile, readTextFile, ReadError, type TextFile } from "../io/read.js";
import type { PlannedWrite } from "../io/write.js";
import type { FileChange } from "../diff/index.js";
import { applyEdits, type TextEdit } from "./edits.js";
import { analyzeReads } from "./env-reads.js";
import { extensionStyle, fileStyle, isTypeScript, moduleSyntax, type ExtensionStyle, type ModuleSyntax } from "./file-style.js";
import { existingHelperBinding, helperSpecifier, importEdit } from "./helper-import.js";
import { defaultHelperPath, flavourOf, HELPER_EXTENSIONS, helperSource, isHelperFile } from "./helper-module.js";
import { HELPER_FUNCTION } from "./names.js";
import { SourceParser, loadTsMorph } from "./parse.js";
import { makePrefilter, type Interest } from "./prefilter.js";
import { ProjectFacts } from "./project-facts.js";
import { findSources } from "./sources.js";

export interface CodemodRequest {
  cwd: string;
  /** `--src` inputs: directories, files, globs (relative to cwd). */
  src: readonly string[];
  variables: readonly string[];
  /** `--helper`, relative to cwd. */
  helper?: string;
  /**
   * The project root (a real path): sources are read and the helper written only where they
   * resolve inside it. Undefined: anywhere (`--allow-outside`).
   */
  root?: string;
}

export interface CodemodFinding {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CodemodPlan {
  changes: FileChange[];
  writes: PlannedWrite[];
  findings: CodemodFinding[];
  /** Problems that stop the run from writing anything (exit code 2). */
  errors: string[];
  /** Reads rewritten. */
  reads: number;
  scanned: number;
  parsed: number;
}

interface Candidate {
  source: TextFile;
  interest: Exclude<Interest, "none">;
}

/** A file with reads to rewrite, before its helper import is added. */
interface Rewrite {
  source: TextFile;
  bom: string;
  text: string;
  edits: TextEdit[];
  /** Undefined when the file must import the helper. */
  binding?: string;
  syntax: ModuleSyntax;
  importLine: (specifier: string) => TextEdit;
  extensionStyle: ExtensionStyle;
}

export function planSecretsCodemod(request: CodemodRequest): CodemodPlan {
  const { cwd } = request;
  const plan: CodemodPlan = { changes: [], writes: [], findings: [], errors: [], reads: 0, scanned: 0, parsed: 0 };
  const helperFlag = request.helper === undefined ? undefined : path.resolve(cwd, request.helper);
  if (helperFlag && !HELPER_EXTENSIONS.includes(path.extname(helperFlag))) {
    plan.errors.push(`--helper ${request.helper}: the helper's extension must be one of ${HELPER_EXTENSIONS.join(", ")}`);
    return plan;
  }
  const { files, errors } = findSources(request.src, cwd);
  plan.errors.push(...errors);
  const helpers = files.filter((f) => isHelperFile(f) || f === helperFlag);
  const candidates = prefilter(files.filter((f) => !helpers.includes(f)), request, plan);
  if (candidates.length === 0) return plan;

  const parser = new SourceParser(loadTsMorph());
  const facts = new ProjectFacts(parser.ts);
  const rewrites = candidates.flatMap((c) => analyze(c, parser, facts, request.variables, helperFlag, plan));
  if (rewrites.length === 0) return plan;
  const helper = helperFlag ?? chooseHelper(helpers, rewrites, facts, cwd, plan);
  if (!helper) return plan;
  if (request.root !== undefined && !isWithin(request.root, realLocation(helper))) {
    plan.errors.push(`${displayPath(helper, cwd)}: the helper module would be written outside the project (${request.root}), at ${realLocation(helper)}; nothing was written. Pass --allow-outside to write there`);
    return plan;
  }
  for (const r of rewrites) addChange(r, helper, plan);
  addHelperModule(helper, facts, cwd, plan);
  return plan;
}

/**
 * The prefilter reads raw bytes as Latin-1: the names it looks for are ASCII, which UTF-8 never
 * uses inside a multi-byte character, so the test gives the same answer at a fraction of the
 * cost. Only files that pass are read the careful way (UTF-8 checked, size limit, real path).
 */
function prefilter(files: string[], request: CodemodRequest, plan: CodemodPlan): Candidate[] {
  const interest = makePrefilter(request.variables);
  const out: Candidate[] = [];
  for (const file of files) {
    const raw = readRaw(file);
    plan.scanned++;
    const level = raw === undefined ? "names" : interest(raw);
    if (level === "none") continue;
    const source = read(file, request, plan);
    if (source) out.push({ source, interest: level });
  }
  return out;
}

/** The file as Latin-1 text, or undefined when it cannot be read (the careful read then says why). */
function readRaw(file: string): string | undefined {
  try {
    return readRegularFile(file, file).bytes.toString("latin1");
  } catch {
    return undefined;
  }
}

function read(file: string, request: CodemodRequest, plan: CodemodPlan): TextFile | undefined {
  try {
    const source = readTextFile(file, displayPath(file, request.cwd));
    if (request.root === undefined || isWithin(request.root, source.realPath)) return source;
    plan.errors.push(`${source.display}: links to ${source.realPath}, outside the project (${request.root}); not read. Pass --allow-outside to rewrite it`);
    return undefined;
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    plan.errors.push(error.message);
    return undefined;
  }
}

function analyze(candidate: Candidate, parser: SourceParser, facts: ProjectFacts, variables: readonly string[], helperFlag: string | undefined, plan: CodemodPlan): Rewrite[] {
  const { source } = candidate;
  const ts = parser.ts;
  const bom = source.text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = source.text.slice(bom.length);
  const parsed = parser.parse(source.realPath, text, source.display);
  plan.parsed++;
  if (!parsed.ok) {
    plan.errors.push(parsed.message);
    return [];
  }
  const { sf } = parsed;
  const dir = path.dirname(source.realPath);
  const pkg = facts.packageOf(dir);
  const binding = existingHelperBinding(ts, sf, helperFlag);
  const style = fileStyle(ts, sf);
  const mentioned = candidate.interest === "names" ? variables.filter((v) => new RegExp(`\\b${v}\\b`).test(text)) : [];
  const analysis = analyzeReads(ts, sf, { variables: new Set(variables), mentioned, helper: binding ?? HELPER_FUNCTION, quote: style.quote, importMetaAtRuntime: pkg.bunRuntime });
  const finding = (pos: number, message: string) => {
    const at = sf.getLineAndCharacterOfPosition(pos);
    plan.findings.push({ file: source.display, line: at.line + 1, column: at.character + 1, message });
  };
  for (const note of analysis.notes) finding(note.pos, note.message);
  if (analysis.edits.length === 0) return [];
  if (!binding && new RegExp(`\\b${HELPER_FUNCTION}\\b`).test(text)) {
    finding(analysis.edits[0].start, `the file already has its own ${HELPER_FUNCTION}, not imported from the helper module; not rewritten (rename it and run again)`);
    return [];
  }
  plan.reads += analysis.reads;
  const syntax = moduleSyntax(ts, sf, source.realPath, pkg.moduleType);
  return [
    {
      source,
      bom,
      text,
      edits: analysis.edits,
      binding,
      syntax,
      importLine: (specifier) => importEdit(ts, sf, syntax, specifier, style),
      extensionStyle: extensionStyle(ts, sf) ?? defaultExtensionStyle(source.realPath, syntax, facts),
    },
  ];
}

/**
 * For a file without relative imports: `.js` where Node resolves the import — JavaScript ES
 * modules; `.mts`/`.cts`; TypeScript under node16/nodenext resolution, or in a `"type":
 * "module"` package without any tsconfig — and no extension elsewhere (CommonJS, bundlers).
 */
function defaultExtensionStyle(file: string, syntax: ModuleSyntax, facts: ProjectFacts): ExtensionStyle {
  if (!isTypeScript(file)) return syntax === "import" ? "js" : "none";
  const ext = path.extname(file);
  const dir = path.dirname(file);
  const nodeNext = facts.nodeNext(dir) ?? facts.packageOf(dir).moduleType === "module";
  return ext === ".mts" || ext === ".cts" || nodeNext ? "js" : "none";
}

function chooseHelper(existing: string[], rewrites: Rewrite[], facts: ProjectFacts, cwd: string, plan: CodemodPlan): string | undefined {
  if (existing.length > 1) {
    plan.errors.push(`several helper modules among the sources (${existing.map((f) => displayPath(f, cwd)).join(", ")}); choose one with --helper`);
    return undefined;
  }
  if (existing.length === 1) return existing[0];
  // One helper for several packages would sit outside each of them (and their tsconfig).
  const roots = [...new Set(rewrites.map((r) => facts.packageOf(path.dirname(r.source.realPath)).root))];
  if (roots.length > 1) {
    const names = roots.map((r) => (r === undefined ? "(no package)" : displayPath(r, cwd))).join(", ");
    plan.errors.push(`the rewritten files belong to ${roots.length} packages (${names}); run once per package (--src <package>) or choose the helper with --helper`);
    return undefined;
  }
  const callers = rewrites.map((r) => ({ file: r.source.realPath, typescript: isTypeScript(r.source.realPath), syntax: r.syntax }));
  return defaultHelperPath({ callers, packageType: (dir) => facts.packageOf(dir).moduleType });
}

function addChange(r: Rewrite, helper: string, plan: CodemodPlan): void {
  const edits = r.binding ? r.edits : [...r.edits, r.importLine(helperSpecifier(r.source.realPath, helper, r.extensionStyle))];
  const after = r.bom + applyEdits(r.text, edits);
  const { source } = r;
  plan.changes.push({ path: source.display, before: source.text, after });
  plan.writes.push({ path: source.realPath, display: source.display, content: after, expected: source.text, mode: source.mode, owner: { uid: source.uid, gid: source.gid } });
}

/**
 * Created when absent; left alone when it holds what this version generates, or another
 * version of the helper (yours to keep); refused when the file is something else.
 */
function addHelperModule(helper: string, facts: ProjectFacts, cwd: string, plan: CodemodPlan): void {
  const display = displayPath(helper, cwd);
  const content = helperSource(flavourOf(helper, facts.packageOf(path.dirname(helper)).moduleType));
  let existing: TextFile;
  try {
    existing = readTextFile(helper, display);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    if (error.code !== "NOT_FOUND") {
      plan.errors.push(`${error.message} (the helper module; choose another place with --helper)`);
      return;
    }
    plan.changes.push({ path: display, before: null, after: content, mode: 0o644 });
    plan.writes.push({ path: helper, display, content, expected: null, mode: 0o644 });
    return;
  }
  if (existing.text === content) return;
  if (new RegExp(`\\bexport\\s+function\\s+${HELPER_FUNCTION}\\b|\\bexports\\.${HELPER_FUNCTION}\\b`).test(existing.text)) {
    plan.findings.push({ file: display, line: 1, column: 1, message: `differs from the helper this version generates; kept as it is` });
    return;
  }
  plan.errors.push(`${display}: exists and does not export ${HELPER_FUNCTION}; nothing was changed (choose another place with --helper)`);
}
