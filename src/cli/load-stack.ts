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

export interface LoadedStack {
  /** How the stack is named in output: its files joined with ` + `. */
  label: string;
  files: TextFile[];
  docs: ComposeDocument[];
  /** Display paths of the files that may be edited; undefined = the project default. */
  editable?: string[];
  /** Directory that extra files are relative to (the first compose file's). */
  baseDir: string;
}

export type StackLoad = { ok: true; stack: LoadedStack } | { ok: false; label: string; errors: string[] };

export function loadStack(spec: StackSpec, cwd: string): StackLoad {
  const label = spec.files.map((f) => displayPath(f, cwd)).join(" + ");
  const files: TextFile[] = [];
  const docs: ComposeDocument[] = [];
  const errors: string[] = [];
  for (const file of spec.files) {
    const display = displayPath(file, cwd);
    try {
      const text = readTextFile(file, display);
      files.push(text);
      docs.push(parseCompose(text.text, { filename: display }));
    } catch (error) {
      errors.push(...describe(error));
    }
  }
  if (errors.length > 0) return { ok: false, label, errors };
  const editable = spec.edit?.map((f) => displayPath(f, cwd));
  return { ok: true, stack: { label, files, docs, editable, baseDir: path.dirname(spec.files[0]) } };
}

/** Messages for a read or parse failure; anything else is a bug and is rethrown. */
function describe(error: unknown): string[] {
  if (error instanceof ReadError) return [error.message];
  if (error instanceof ComposeSyntaxError) return error.diagnostics.map(formatDiagnostic);
  throw error;
}
