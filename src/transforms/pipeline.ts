/**
 * Running transforms over a project: options validated up front (a bad option fails before
 * any edit, naming its path), each transform applied in order, and each result verified
 * before the next runs — the edited text must read back as a compose file, or the transform's
 * edits are rolled back and reported. Nothing here writes to disk.
 */
import { z } from "zod";
import { parseCompose, type ComposeDocument } from "../document/compose-document.js";
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

/** Validate one transform's options, filling defaults; throws `OptionsError` naming each bad key. */
export function parseOptions<T extends Transform>(transform: T, raw: unknown): z.infer<T["options"]> {
  const result = transform.options.strict().safeParse(raw ?? {});
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

/** Every literal secret value in the project's files (environment and command lines), for masking. */
export function secretsInProject(project: Project): Set<string> {
  const out = new Set<string>();
  for (const doc of project.docs) {
    for (const service of doc.services()) {
      for (const entry of doc.env(service)) {
        for (const s of literalSecretsIn(entry.name, entry.value)) out.add(s);
      }
      for (const field of COMMAND_FIELDS) {
        for (const s of literalCommandSecrets(doc.get(["services", service, ...field.path]))) out.add(s);
      }
    }
  }
  return out;
}

export function runTransforms(input: SourceFile[], transforms: Transform[], run: RunOptions = {}): RunResult {
  const parsedOptions = transforms.map((t) => parseOptions(t, run.options?.[t.id]));
  const docs = input.map((f) => parseCompose(f.text, { filename: f.path }));
  const editable = run.editable ? docs.filter((d) => run.editable!.includes(d.filename)) : undefined;
  let project = new Project(docs, { editable });
  const findings: Finding[] = [];
  const extras = new Map<string, ExtraFile>();
  const secrets = secretsInProject(project);
  const state = new Map<string, unknown>();

  transforms.forEach((transform, i) => {
    const snapshot = project.docs.map((d) => d.toString());
    const dataBefore = project.docs.map((d) => d.toJS());
    const editsBefore = project.docs.map((d) => d.editedPaths().length);
    const local: Finding[] = [];
    const ctx = makeContext(transform.id, project, local, extras, secrets, state);
    try {
      transform.apply(ctx, parsedOptions[i]);
      verifyReadable(project.docs);
      verifyDeclared(project.docs, dataBefore, editsBefore);
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

  return {
    files: project.docs.map((d, i) => ({ path: d.filename, before: input[i].text, after: d.toString() })),
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

/** The semantic safety net: data may change only where the document logged an edit. */
function verifyDeclared(docs: readonly ComposeDocument[], before: unknown[], editsBefore: number[]): void {
  docs.forEach((doc, i) => {
    if (!doc.changed) return;
    const edited = doc.editedPaths().slice(editsBefore[i]);
    const stray = undeclaredChanges(before[i], doc.toJS(), edited);
    if (stray.length > 0) {
      throw new UnreadableOutput(
        `the edit of ${doc.filename} changed ${stray.map((p) => p.join(".")).join(", ")} without saying so; please report this`,
      );
    }
  });
}

/** Splice, then verify: an edit whose text does not read back is a bug, never a write. */
function verifyReadable(docs: readonly ComposeDocument[]): void {
  for (const doc of docs) {
    if (!doc.changed) continue;
    try {
      parseCompose(doc.toString(), { filename: doc.filename });
    } catch (error) {
      throw new UnreadableOutput(`the edited ${doc.filename} would not read back (${(error as Error).message}); please report this`);
    }
  }
}

function restore(project: Project, snapshot: string[]): Project {
  const docs = project.docs.map((d, i) => parseCompose(snapshot[i], { filename: d.filename }));
  const editable = docs.filter((_, i) => project.isEditable(project.docs[i]));
  return new Project(docs, { editable });
}
