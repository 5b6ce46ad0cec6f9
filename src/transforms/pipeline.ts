/**
 * Running transforms over a project: options validated up front (a bad option fails before
 * any edit, naming its path), each transform applied in order, and each result verified
 * before the next runs — the edited text must read back as a compose file, or the transform's
 * edits are rolled back and reported. Nothing here writes to disk.
 */
import type { z } from "zod";
import { parseCompose, type ComposeDocument, type Key } from "../document/compose-document.js";
import { EditError } from "../document/errors.js";
import type { Span } from "../document/written.js";
import { Project, type CompanionRole } from "../project/project.js";
import { locateSecrets } from "../secrets/locate.js";
import { undeclaredChanges } from "./safety-net.js";
import type { ExtraFile, FileBase, Finding, Transform, TransformContext } from "./types.js";

export interface SourceFile {
  path: string;
  text: string;
}

/** A companion stack's compose file (deployed on its own, e.g. the observability stack). */
export interface CompanionSource extends SourceFile {
  role: CompanionRole;
}

export interface RunOptions {
  /** Per-transform options, keyed by transform id. */
  options?: Record<string, Record<string, unknown> | undefined>;
  /** Paths of the files that may be edited (default: the last file). */
  editable?: string[];
  /** Companion stacks found next to this one, one per role; transforms may edit them. */
  companions?: CompanionSource[];
  /**
   * How `ctx.readFile` reads a file of the project (path relative to `base`); undefined when
   * it does not exist. Without it, no file exists for the transforms.
   */
  readFile?: (path: string, base: FileBase) => string | undefined;
  /** Where a project file is relative to the repository root (`ctx.repositoryPath`); default: its path as given. */
  repositoryPath?: (file: string) => string;
  /** The stack's folder relative to the repository root (`ctx.stackFolder`); default "". */
  stackFolder?: string;
  /**
   * Called with each input and companion document once parsed, before any transform runs; it
   * throws to refuse the input (the CLI refuses shapes Docker rejects, with `file:line:col`).
   */
  screen?: (doc: ComposeDocument) => void;
}

export interface FileResult {
  path: string;
  before: string;
  after: string;
  /** Set for the file of a companion stack. */
  role?: CompanionRole;
  /**
   * Where secret text is written in `before` and in `after` (sorted `[start, end)` offsets),
   * for masking by position: give them to the diff as `FileChange.secrets`.
   */
  secrets: { before: Span[]; after: Span[] };
}

export interface RunResult {
  /** The input files, then the companions given in `RunOptions.companions`. */
  files: FileResult[];
  /** Generated files, including companion stacks a transform created. */
  extras: ExtraFile[];
  findings: Finding[];
  /**
   * Literal secret values found in the input and the output (as values and as written) or
   * registered by transforms: mask them in output (`secretMasker`).
   */
  secrets: string[];
}

export class OptionsError extends Error {
  readonly transform: string;
  readonly issues: string[];
  constructor(transform: string, issues: string[]) {
    super(`invalid options for ${transform}:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "OptionsError";
    this.transform = transform;
    this.issues = issues;
  }
}

/**
 * Each transform's options schema in strict form, built once: zod compiles a schema on its
 * first use, which costs more than running a small stack's transforms would otherwise.
 */
const strictSchemas = new WeakMap<Transform, ReturnType<Transform["options"]["strict"]>>();
function strictOptions(transform: Transform): ReturnType<Transform["options"]["strict"]> {
  let schema = strictSchemas.get(transform);
  if (!schema) {
    schema = transform.options.strict();
    strictSchemas.set(transform, schema);
  }
  return schema;
}

/** Validate one transform's options, filling defaults; throws `OptionsError` naming each bad key. */
export function parseOptions<T extends Transform>(transform: T, raw: unknown): z.infer<T["options"]> {
  const result = strictOptions(transform).safeParse(raw ?? {});
  if (!result.success) {
    throw new OptionsError(
      transform.id,
      result.error.issues.map((issue) => {
        const where = [transform.id, ...issue.path.map(String)].join(".");
        return `${where}: ${issue.message}`;
      }),
    );
  }
  return result.data as z.infer<T["options"]>;
}

/**
 * Every literal secret value in the project's files, for masking: what `locateSecrets` finds in
 * each file (environments in either form, build args, labels, logging options, configs'
 * content, command lines), as values and as written — the companion stacks' files included,
 * since a finding or a diff may quote them too.
 */
export function secretsInProject(project: Project): Set<string> {
  const out = new Set<string>();
  for (const doc of allDocs(project)) for (const value of locateSecrets(doc).values) out.add(value);
  return out;
}

/**
 * Verification costs a parse of every changed file, so it is done once for the whole run: the
 * final text of each changed file must read back, and its data may differ from the input only
 * at paths some transform's edits declared. Only when that fails is the run repeated with the
 * same checks after each transform, which refuses (and rolls back) exactly the transform that
 * broke things and names it; transforms are pure functions of their input, so the repeat
 * sees the same edits.
 */
export function runTransforms(input: SourceFile[], transforms: Transform[], run: RunOptions = {}): RunResult {
  const parsedOptions = transforms.map((t) => parseOptions(t, run.options?.[t.id]));
  return applyAll(input, transforms, parsedOptions, run, "run") ?? applyAll(input, transforms, parsedOptions, run, "each")!;
}

/**
 * The transforms applied one after the other for a caller that only reads the project between
 * them (`check` asking which transform would change a finding): `afterEach` sees the project as
 * each transform left it. Nothing is verified, no secret is collected for masking and no file
 * result is made, since nothing is written or printed; the edited documents are read as they
 * are, never re-parsed.
 */
export function previewTransforms(input: SourceFile[], transforms: Transform[], run: RunOptions, afterEach: (transform: Transform, project: Project) => void): void {
  const parsedOptions = transforms.map((t) => parseOptions(t, run.options?.[t.id]));
  applyAll(input, transforms, parsedOptions, run, "none", afterEach);
}

/**
 * A file of the run as the verification sees it: its text and data where verification starts
 * (for a companion created during the run, its first text), the paths kept transforms
 * declared, and for a created companion where it goes.
 */
interface Tracked {
  baseline: string;
  data: unknown;
  declared: Key[][];
  created?: { path: string; role: CompanionRole };
}

/** Every document of the run in a fixed order: the stack's files, then its companions. */
function allDocs(project: Project): ComposeDocument[] {
  return [...project.docs, ...project.companions.values()];
}

/** Applies every transform; `undefined` when verifying once per `run` found a problem, and for a preview (`none`). */
function applyAll(
  input: SourceFile[],
  transforms: Transform[],
  parsedOptions: ReturnType<typeof parseOptions>[],
  run: RunOptions,
  verify: "run" | "each" | "none",
  afterEach?: (transform: Transform, project: Project) => void,
): RunResult | undefined {
  const docs = input.map((f) => parseCompose(f.text, { filename: f.path }));
  docs.forEach((d) => run.screen?.(d));
  const editable = run.editable ? docs.filter((d) => run.editable!.includes(d.filename)) : undefined;
  const companions = new Map<CompanionRole, ComposeDocument>();
  for (const c of run.companions ?? []) {
    if (companions.has(c.role)) throw new Error(`two ${c.role} stacks given: ${companions.get(c.role)!.filename} and ${c.path}`);
    const doc = parseCompose(c.text, { filename: c.path });
    run.screen?.(doc);
    companions.set(c.role, doc);
  }
  let project = new Project(docs, { editable, companions });
  const findings: Finding[] = [];
  const extras = new Map<string, ExtraFile>();
  // Located before any edit: positions are those of the text as read (companions included).
  // A preview prints nothing, so it has nothing to mask.
  const located = verify === "none" ? [] : [...docs, ...companions.values()].map((d) => locateSecrets(d));
  const secrets = new Set(located.flatMap((l) => l.values));
  const state = new Map<string, unknown>();
  const tracked: Tracked[] = allDocs(project).map((d) => ({ baseline: d.toString(), data: verify === "run" ? d.toJS() : undefined, declared: [] }));

  transforms.forEach((transform, i) => {
    const snapshot = allDocs(project).map((d) => d.toString());
    const trackedBefore = tracked.length;
    const dataBefore = verify === "each" ? allDocs(project).map((d) => d.toJS()) : [];
    const editsBefore = allDocs(project).map((d) => d.editCount);
    // A refused transform's files go with its edits: a config no service mounts is no help.
    const extrasBefore = new Map(extras);
    const local: Finding[] = [];
    const create = (role: CompanionRole, path: string, text: string): ComposeDocument => {
      const existing = project.companion(role);
      if (existing) return existing;
      const doc = parseCompose(text, { filename: path });
      project.attachCompanion(role, doc);
      tracked.push({ baseline: text, data: doc.toJS(), declared: [], created: { path, role } });
      snapshot.push(text);
      dataBefore.push(doc.toJS());
      editsBefore.push(doc.editCount);
      return doc;
    };
    const later = transforms.slice(i + 1).map((t) => t.id);
    const ctx = makeContext({ id: transform.id, project, findings: local, extras, secrets, state, later, readFile: run.readFile, repositoryPath: run.repositoryPath, stackFolder: run.stackFolder ?? "", create });
    try {
      transform.apply(ctx, parsedOptions[i]);
      const current = allDocs(project);
      const editedBy = (d: number) => current[d].editedPaths(editsBefore[d]);
      if (verify === "each") verifyDocs(current, snapshot, dataBefore, editedBy);
      // Loops, not push(...): a large stack logs more edits and findings than a call takes arguments.
      current.forEach((_, d) => {
        for (const p of editedBy(d)) tracked[d].declared.push(p);
      });
      for (const f of local) findings.push(f);
    } catch (error) {
      if (!(error instanceof EditError) && !(error instanceof UnreadableOutput)) throw error;
      tracked.length = trackedBefore;
      project = restore(project, snapshot.slice(0, trackedBefore));
      extras.clear();
      for (const [key, extra] of extrasBefore) extras.set(key, extra);
      findings.push({
        transform: transform.id,
        kind: "refusal",
        message: `${transform.id} made no changes: ${error.message}`,
      });
    }
    afterEach?.(transform, project);
  });
  if (verify === "none") return undefined;

  const final = allDocs(project);
  let reread = new Map<number, ComposeDocument>();
  if (verify === "run") {
    try {
      reread = verifyDocs(
        final,
        tracked.map((t) => t.baseline),
        tracked.map((t) => t.data),
        (d) => tracked[d].declared,
      );
    } catch (error) {
      if (error instanceof UnreadableOutput) return undefined;
      throw error;
    }
  }
  const files: FileResult[] = [];
  final.forEach((doc, d) => {
    const after = doc.toString();
    const created = tracked[d].created;
    const spansBefore = located[d]?.spans ?? [];
    let spansAfter = spansBefore;
    if (after !== tracked[d].baseline || created) {
      // The output was read back once to verify it; where secrets are written in it is read from that.
      const output = locateSecrets(reread.get(d) ?? parseCompose(after, { filename: doc.filename }));
      for (const value of output.values) secrets.add(value);
      spansAfter = output.spans;
    }
    if (created) {
      const file: ExtraFile = { path: created.path, content: after, role: created.role, description: `the ${created.role} stack (a compose file deployed on its own)` };
      extras.set(extraKey(file), file);
      return;
    }
    const role = d >= input.length ? [...project.companions.entries()].find(([, c]) => c === doc)?.[0] : undefined;
    const before = d < input.length ? input[d].text : run.companions!.find((c) => c.role === role)!.text;
    files.push({ path: doc.filename, before, after, ...(role ? { role } : {}), secrets: { before: spansBefore, after: spansAfter } });
  });
  return { files, extras: [...extras.values()], findings, secrets: [...secrets] };
}

interface ContextParts {
  id: string;
  project: Project;
  findings: Finding[];
  extras: Map<string, ExtraFile>;
  secrets: Set<string>;
  state: Map<string, unknown>;
  later: readonly string[];
  readFile: RunOptions["readFile"];
  repositoryPath: RunOptions["repositoryPath"];
  stackFolder: string;
  create: TransformContext["createCompanion"];
}

function makeContext(parts: ContextParts): TransformContext {
  const { id, project, findings, extras, secrets, state, later, readFile, repositoryPath, stackFolder, create } = parts;
  const push = (kind: Finding["kind"]) => (message: string, at: { location?: Finding["location"]; service?: string } = {}) => {
    findings.push({ transform: id, kind, message, ...(at.location ? { location: at.location } : {}), ...(at.service ? { service: at.service } : {}) });
  };
  return {
    project,
    change: push("change"),
    refuse: push("refusal"),
    satisfied: push("satisfied"),
    manual: push("manual"),
    addFile: (file) => extras.set(extraKey(file), file),
    secret: (value) => {
      if (value.length > 0) secrets.add(value);
    },
    state,
    later,
    readFile: (path, base = "stack") => readFile?.(path, base),
    repositoryPath: (file) => repositoryPath?.(file) ?? file,
    stackFolder,
    createCompanion: create,
  };
}

/** Extra files are one per place: a later transform's file at the same path replaces an earlier one. */
function extraKey(file: ExtraFile): string {
  return `${file.base ?? "stack"}:${file.path}`;
}

class UnreadableOutput extends Error {}

/**
 * Splice, then verify: each file whose text differs from `baseline` must read back (an edit
 * whose text does not is a bug, never a write), and the data it reads back as may differ from
 * `before` only at the paths `edited` declares for it (the semantic safety net).
 */
function verifyDocs(docs: readonly ComposeDocument[], baseline: readonly string[], before: readonly unknown[], edited: (index: number) => Key[][]): Map<number, ComposeDocument> {
  const reread = new Map<number, ComposeDocument>();
  docs.forEach((doc, i) => {
    const text = doc.toString();
    if (text === baseline[i]) return;
    let again: ComposeDocument;
    try {
      again = parseCompose(text, { filename: doc.filename });
    } catch (error) {
      throw new UnreadableOutput(`the edited ${doc.filename} would not read back (${(error as Error).message}); please report this`);
    }
    const stray = undeclaredChanges(before[i], again.toJS(), edited(i));
    if (stray.length > 0) {
      throw new UnreadableOutput(
        `the edit of ${doc.filename} changed ${stray.map((p) => p.join(".")).join(", ")} without saying so; please report this`,
      );
    }
    reread.set(i, again);
  });
  return reread;
}

/** The project as it was when `snapshot` was taken: its files, then its companions in order. */
function restore(project: Project, snapshot: string[]): Project {
  const current = allDocs(project);
  const reparsed = snapshot.map((text, i) => parseCompose(text, { filename: current[i].filename }));
  const docs = reparsed.slice(0, project.docs.length);
  const editable = docs.filter((_, i) => project.isEditable(project.docs[i]));
  const roles = [...project.companions.keys()];
  const companions = new Map(reparsed.slice(project.docs.length).map((doc, i) => [roles[i], doc] as const));
  return new Project(docs, { editable, companions });
}
