/**
 * Reading one stack: every file read safely and parsed, and every problem collected (all bad
 * files of a project are reported at once, each as `file:line:col: message`), so one run tells
 * the user everything that stops this stack.
 */
import path from "node:path";
import { parseCompose, type ComposeDocument } from "../document/compose-document.js";
import { ComposeSyntaxError, formatDiagnostic } from "../document/errors.js";
import { displayPath } from "../io/paths.js";
import { readTextFile, ReadError, type TextFile } from "../io/read.js";
import type { StackSpec } from "./stacks.js";

export interface ReadStack {
  /** How the stack is named in output: its files joined with ` + `. */
  label: string;
  files: TextFile[];
  /** Display paths of the files that may be edited; undefined = the project default. */
  editable?: string[];
  /** Directory that extra files are relative to (the first compose file's). */
  baseDir: string;
}

export interface LoadedStack extends ReadStack {
  docs: ComposeDocument[];
}

export type StackLoad = { ok: true; stack: LoadedStack } | { ok: false; label: string; errors: string[] };

/** Every file of the stack read and parsed; on failure, the problems of every file, in order. */
export function loadStack(spec: StackSpec, cwd: string): StackLoad {
  const label = labelOf(spec, cwd);
  const files: TextFile[] = [];
  const docs: ComposeDocument[] = [];
  const errors: string[] = [];
  for (const file of spec.files) {
    try {
      const text = readTextFile(file, displayPath(file, cwd));
      files.push(text);
      docs.push(parseCompose(text.text, { filename: text.display }));
    } catch (error) {
      errors.push(...describe(error));
    }
  }
  if (errors.length > 0) return { ok: false, label, errors };
  return { ok: true, stack: { ...stackOf(spec, cwd, label, files), docs } };
}

/**
 * Every file of the stack read, not parsed, for callers that parse the text themselves
 * (`runTransforms` does), so that a large file is not parsed twice. Undefined when a file
 * cannot be read: `loadStack` then tells what is wrong with each.
 */
export function readStack(spec: StackSpec, cwd: string): ReadStack | undefined {
  const label = labelOf(spec, cwd);
  try {
    return stackOf(spec, cwd, label, spec.files.map((file) => readTextFile(file, displayPath(file, cwd))));
  } catch (error) {
    if (error instanceof ReadError) return undefined;
    throw error;
  }
}

/** How a stack is named in output: its files joined with ` + `. */
function labelOf(spec: StackSpec, cwd: string): string {
  return spec.files.map((f) => displayPath(f, cwd)).join(" + ");
}

function stackOf(spec: StackSpec, cwd: string, label: string, files: TextFile[]): ReadStack {
  const editable = spec.edit?.map((f) => displayPath(f, cwd));
  return { label, files, editable, baseDir: path.dirname(spec.files[0]) };
}

/** Messages for a read or parse failure; anything else is a bug and is rethrown. */
function describe(error: unknown): string[] {
  if (error instanceof ReadError) return [error.message];
  if (error instanceof ComposeSyntaxError) return error.diagnostics.map(formatDiagnostic);
  throw error;
}
