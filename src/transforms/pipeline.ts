/**
 * Running transforms over a project: options validated up front (a bad option fails before
 * any edit, naming its path), each transform applied in order, and each result verified
 * before the next runs — the edited text must read back as a compose file, or the transform's
 * edits are rolled back and reported. Nothing here writes to disk.
 */
import type { z } from "zod";
import { parseCompose, type ComposeDocument, type Key } from "../document/compose-document.js";
import { plainEnvEntries } from "../document/environment.js";
import { EditError } from "../document/errors.js";
import { Project } from "../project/project.js";
import { COMMAND_FIELDS, literalCommandSecrets } from "../secrets/command-line.js";
import { literalSecretsIn } from "../secrets/detect.js";
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
}

export interface RunResult {
  files: FileResult[];
  extras: ExtraFile[];
  findings: Finding[];
  /** Literal secret values found in the input or registered by transforms: mask them in output. */
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
 * Every literal secret value in the project's files, for masking: each environment entry, in
 * either form, read from the environment's plain data in one go, and the command lines
 * (`command`, `entrypoint`, `healthcheck.test`).
 */
export function secretsInProject(project: Project): Set<string> {
  const out = new Set<string>();
  for (const doc of project.docs) {
    for (const service of doc.services()) {
      for (const { name, value } of plainEnvEntries(doc.get(["services", service, "environment"]))) {
        for (const s of literalSecretsIn(name, value)) out.add(s);
      }
      for (const field of COMMAND_FIELDS) {
        for (const s of literalCommandSecrets(doc.get(["services", service, ...field.path]))) out.add(s);
      }
    }
  }
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
  // The edited documents stay inside `applyEach`: by the time the output is re-read to verify
  // it, they are garbage, so a large file is not held twice.
  const { result, dataAtStart, declared } = applyEach(input, transforms, parsedOptions, run, verify);
  if (verify === "run") {
    try {
      verifyTexts(
        result.files.map((f) => ({ filename: f.path, text: f.after })),
        input.map((f) => f.text),
        dataAtStart,
        (d) => declared[d],
      );
    } catch (error) {
      if (error instanceof UnreadableOutput) return undefined;
      throw error;
    }
  }
  return result;
}

/**
 * Every transform in order, each verified right after it when `verify` is "each"; the result,
 * with what a verification of the whole run needs: the input's data and the paths the kept
 * transforms declared, per file.
 */
function applyEach(
  input: SourceFile[],
  transforms: Transform[],
  parsedOptions: ReturnType<typeof parseOptions>[],
  run: RunOptions,
  verify: "run" | "each",
): { result: RunResult; dataAtStart: unknown[]; declared: Key[][][] } {
  const docs = input.map((f) => parseCompose(f.text, { filename: f.path }));
  let project = new Project(docs, { editable: run.editable ? docs.filter((d) => run.editable!.includes(d.filename)) : undefined });
  const findings: Finding[] = [];
  const extras = new Map<string, ExtraFile>();
  const secrets = secretsInProject(project);
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
      // Loops, not push(...): a large stack logs more edits and findings than a call takes arguments.
      project.docs.forEach((doc, d) => {
        for (const p of doc.editedPaths(editsBefore[d])) declared[d].push(p);
      });
      for (const f of local) findings.push(f);
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

  const files = project.docs.map((d, i) => ({ path: d.filename, before: input[i].text, after: d.toString() }));
  return { result: { files, extras: [...extras.values()], findings, secrets: [...secrets] }, dataAtStart, declared };
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
function verifyDocs(docs: readonly ComposeDocument[], baseline: readonly string[], before: readonly unknown[], edited: (index: number) => Key[][]): void {
  verifyTexts(
    docs.map((d) => ({ filename: d.filename, text: d.toString() })),
    baseline,
    before,
    edited,
  );
}

function verifyTexts(docs: readonly { filename: string; text: string }[], baseline: readonly string[], before: readonly unknown[], edited: (index: number) => Key[][]): void {
  docs.forEach((doc, i) => {
    const { text } = doc;
    if (text === baseline[i]) return;
    let reread: ComposeDocument;
    try {
      reread = parseCompose(text, { filename: doc.filename });
    } catch (error) {
      throw new UnreadableOutput(`the edited ${doc.filename} would not read back (${(error as Error).message}); please report this`);
    }
    const stray = undeclaredChanges(before[i], reread.toJS(), edited(i));
    if (stray.length > 0) {
      throw new UnreadableOutput(
        `the edit of ${doc.filename} changed ${stray.map((p) => p.join(".")).join(", ")} without saying so; please report this`,
      );
    }
  });
}

function restore(project: Project, snapshot: string[]): Project {
  const docs = project.docs.map((d, i) => parseCompose(snapshot[i], { filename: d.filename }));
  const editable = docs.filter((_, i) => project.isEditable(project.docs[i]));
  return new Project(docs, { editable });
}
