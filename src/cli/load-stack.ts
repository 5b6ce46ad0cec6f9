/**
 * Reading one stack: every file read safely and parsed, and every problem collected (all bad
 * files of a project are reported at once, each as `file:line:col: message`), so one run tells
 * the user everything that stops this stack.
 */
import path from "node:path";
import { parseCompose, type ComposeDocument } from "../document/compose-document.js";
import { ComposeSyntaxError, formatDiagnostic } from "../document/errors.js";
import { shapeDiagnostics } from "../schema/shape.js";
import { displayPath, repositoryRoot } from "../io/paths.js";
import type { CompanionRole } from "../project/project.js";
import { readTextFile, ReadError, type TextFile } from "../io/read.js";
import type { StackSpec } from "./stacks.js";

export interface ReadStack {
  /** How the stack is named in output: its files joined with ` + `. */
  label: string;
  files: TextFile[];
  /** The companion stacks' files, by role. */
  companions: { role: CompanionRole; file: TextFile }[];
  /** Display paths of the files that may be edited; undefined = the project default. */
  editable?: string[];
  /** Directory that extra files are relative to (the first compose file's). */
  baseDir: string;
  /** Root of the repository holding the stack (workflows go under it); `baseDir` outside any. */
  repositoryDir: string;
}

export interface LoadedStack extends ReadStack {
  docs: ComposeDocument[];
  /** The companion stacks, parsed, by role. */
  companionDocs: Map<CompanionRole, ComposeDocument>;
}

export type StackLoad = { ok: true; stack: LoadedStack } | { ok: false; label: string; errors: string[] };

/** Every file of the stack read and parsed; on failure, the problems of every file, in order. */
export function loadStack(spec: StackSpec, cwd: string): StackLoad {
  const label = labelOf(spec, cwd);
  const files: TextFile[] = [];
  const docs: ComposeDocument[] = [];
  const companions: { role: CompanionRole; file: TextFile }[] = [];
  const companionDocs = new Map<CompanionRole, ComposeDocument>();
  const errors: string[] = [];
  const load = (file: string, role?: CompanionRole) => {
    try {
      const text = readTextFile(file, displayPath(file, cwd));
      const doc = parseCompose(text.text, { filename: text.display });
      assertComposeShape(doc);
      if (role) {
        companions.push({ role, file: text });
        companionDocs.set(role, doc);
      } else {
        files.push(text);
        docs.push(doc);
      }
    } catch (error) {
      errors.push(...describe(error));
    }
  };
  for (const file of spec.files) load(file);
  for (const [role, file] of companionsOf(spec)) load(file, role);
  if (errors.length > 0) return { ok: false, label, errors };
  return { ok: true, stack: { ...stackOf(spec, cwd, label, files, companions), docs, companionDocs } };
}

/**
 * Every file of the stack read, not parsed, for callers that parse the text themselves
 * (`runTransforms` does), so that a large file is not parsed twice. Undefined when a file
 * cannot be read: `loadStack` then tells what is wrong with each.
 */
export function readStack(spec: StackSpec, cwd: string): ReadStack | undefined {
  const label = labelOf(spec, cwd);
  try {
    const files = spec.files.map((file) => readTextFile(file, displayPath(file, cwd)));
    const companions = companionsOf(spec).map(([role, file]) => ({ role, file: readTextFile(file, displayPath(file, cwd)) }));
    return stackOf(spec, cwd, label, files, companions);
  } catch (error) {
    if (error instanceof ReadError) return undefined;
    throw error;
  }
}

/**
 * Refuses a file whose values have kinds Docker rejects (`services` as a list, a service as a
 * string, `ports: 80`): every one of them, as `file:line:col`, like a YAML error. Transforms and
 * checks assume the compose shape; on such a file they would report nonsense or nothing at all.
 */
export function assertComposeShape(doc: ComposeDocument): void {
  const diagnostics = shapeDiagnostics(doc);
  if (diagnostics.length > 0) throw new ComposeSyntaxError(diagnostics.map((d) => ({ ...d, message: `${d.message} (Docker rejects this file)` })));
}

/** How a stack is named in output: its files joined with ` + `. */
function labelOf(spec: StackSpec, cwd: string): string {
  return spec.files.map((f) => displayPath(f, cwd)).join(" + ");
}

function companionsOf(spec: StackSpec): [CompanionRole, string][] {
  return Object.entries(spec.companions ?? {}) as [CompanionRole, string][];
}

function stackOf(spec: StackSpec, cwd: string, label: string, files: TextFile[], companions: ReadStack["companions"]): ReadStack {
  const editable = spec.edit?.map((f) => displayPath(f, cwd));
  const baseDir = path.dirname(spec.files[0]);
  return { label, files, companions, editable, baseDir, repositoryDir: repositoryRoot(baseDir) ?? baseDir };
}

/** Messages for a read or parse failure; anything else is a bug and is rethrown. */
function describe(error: unknown): string[] {
  if (error instanceof ReadError) return [error.message];
  if (error instanceof ComposeSyntaxError) return error.diagnostics.map(formatDiagnostic);
  throw error;
}
