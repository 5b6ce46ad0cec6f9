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
import { Project } from "../project/project.js";
import { locateSecrets } from "../secrets/locate.js";
import { undeclaredChanges } from "./safety-net.js";
import type { ExtraFile, Finding, Transform, TransformContext } from "./types.js";

export interface SourceFile {
  path: string;
  text: string;
}

export interface RunOptions {
  /** Per-transform options, keyed by transform id. */
  options?: Record<string, Record<string, unknown> | undefined>;
  /** Paths of the files that may be edited (default: the last file). */
  editable?: string[];
}

export interface FileResult {
  path: string;
  before: string;
  after: string;
  /**
   * Where secret text is written in `before` and in `after` (sorted `[start, end)` offsets),
   * for masking by position: give them to the diff as `FileChange.secrets`.
   */
  secrets: { before: Span[]; after: Span[] };
}

export interface RunResult {
  files: FileResult[];
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
 * content, command lines), as values and as written.
 */
export function secretsInProject(project: Project): Set<string> {
  const out = new Set<string>();
  for (const doc of project.docs) for (const value of locateSecrets(doc).values) out.add(value);
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

/** Applies every transform; `undefined` when verifying once per `run` found a problem. */
function applyAll(
  input: SourceFile[],
  transforms: Transform[],
  parsedOptions: ReturnType<typeof parseOptions>[],
  run: RunOptions,
  verify: "run" | "each",
): RunResult | undefined {
  const docs = input.map((f) => parseCompose(f.text, { filename: f.path }));
  const editable = run.editable ? docs.filter((d) => run.editable!.includes(d.filename)) : undefined;
  let project = new Project(docs, { editable });
  const findings: Finding[] = [];
  const extras = new Map<string, ExtraFile>();
  // Located before any edit: positions are those of the text as read.
  const located = docs.map((d) => locateSecrets(d));
  const secrets = new Set(located.flatMap((l) => l.values));
  const state = new Map<string, unknown>();
  const dataAtStart = verify === "run" ? docs.map((d) => d.toJS()) : [];
  /** Per file, the paths declared by the transforms that were kept (a rolled-back one declares nothing). */
  const declared: Key[][][] = docs.map(() => []);

  transforms.forEach((transform, i) => {
    const snapshot = project.docs.map((d) => d.toString());
    const dataBefore = verify === "each" ? project.docs.map((d) => d.toJS()) : [];
    const editsBefore = project.docs.map((d) => d.editCount);
    const local: Finding[] = [];
    const ctx = makeContext(transform.id, project, local, extras, secrets, state);
    try {
      transform.apply(ctx, parsedOptions[i]);
      if (verify === "each") verifyDocs(project.docs, snapshot, dataBefore, (d) => project.docs[d].editedPaths(editsBefore[d]));
      project.docs.forEach((doc, d) => declared[d].push(...doc.editedPaths(editsBefore[d])));
      findings.push(...local);
    } catch (error) {
      if (!(error instanceof EditError) && !(error instanceof UnreadableOutput)) throw error;
      project = restore(project, snapshot);
      findings.push({
        transform: transform.id,
        kind: "refusal",
        message: `${transform.id} made no changes: ${error.message}`,
      });
    }
  });

  let reread = new Map<number, ComposeDocument>();
  if (verify === "run") {
    try {
      reread = verifyDocs(
        project.docs,
        input.map((f) => f.text),
        dataAtStart,
        (d) => declared[d],
      );
    } catch (error) {
      if (error instanceof UnreadableOutput) return undefined;
      throw error;
    }
  }
  return {
    files: project.docs.map((d, i) => {
      const after = d.toString();
      if (after === input[i].text) return { path: d.filename, before: input[i].text, after, secrets: { before: located[i].spans, after: located[i].spans } };
      // The output was read back once to verify it; where secrets are written in it is read from that.
      const output = locateSecrets(reread.get(i) ?? parseCompose(after, { filename: d.filename }));
      for (const value of output.values) secrets.add(value);
      return { path: d.filename, before: input[i].text, after, secrets: { before: located[i].spans, after: output.spans } };
    }),
    extras: [...extras.values()],
    findings,
    secrets: [...secrets],
  };
}

function makeContext(
  id: string,
  project: Project,
  findings: Finding[],
  extras: Map<string, ExtraFile>,
  secrets: Set<string>,
  state: Map<string, unknown>,
): TransformContext {
  const push = (kind: Finding["kind"]) => (message: string, at: { location?: Finding["location"]; service?: string } = {}) => {
    findings.push({ transform: id, kind, message, ...(at.location ? { location: at.location } : {}), ...(at.service ? { service: at.service } : {}) });
  };
  return {
    project,
    change: push("change"),
    refuse: push("refusal"),
    manual: push("manual"),
    addFile: (file) => extras.set(file.path, file),
    secret: (value) => {
      if (value.length > 0) secrets.add(value);
    },
    state,
  };
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

function restore(project: Project, snapshot: string[]): Project {
  const docs = project.docs.map((d, i) => parseCompose(snapshot[i], { filename: d.filename }));
  const editable = docs.filter((_, i) => project.isEditable(project.docs[i]));
  return new Project(docs, { editable });
}
