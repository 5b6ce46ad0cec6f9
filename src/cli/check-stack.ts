/**
 * Checking one stack for `compose-gate check`: read and parse its files, collect the literal
 * secrets to mask, run the rules. Shared by the command and by the worker thread that checks
 * part of a long list of stacks, so both produce the same result for the same stack.
 */
import { Project } from "../project/project.js";
import type { CheckFinding, SuppressedFinding } from "../report/check-types.js";
import { secretsInProject } from "../transforms/pipeline.js";
import { loadStack, type LoadedStack } from "./load-stack.js";
import type { RunChecks } from "./registry.js";
import type { StackSpec } from "./stacks.js";

export type CheckOptions = Parameters<RunChecks>[1];

/** What checking one stack found; plain data apart from `stack`, so a worker can send it. */
export interface StackCheck {
  found: CheckFinding[];
  suppressed: SuppressedFinding[];
  secrets: string[];
  files: number;
  /** Messages for files that could not be read or parsed. */
  errors: string[];
  /** A rule that threw: the error's stack (a bug, reported as an internal error). */
  internal?: string;
  /** The loaded stack (SARIF fixes run on it); not sent by a worker. */
  stack?: LoadedStack;
}

/** Checks one stack. Throws only for a bug in reading it; a rule that throws is `internal`. */
export function checkStack(spec: StackSpec, runChecks: RunChecks, options: CheckOptions, cwd: string): StackCheck {
  const load = loadStack(spec, cwd);
  if (!load.ok) return { found: [], suppressed: [], secrets: [], files: 0, errors: load.errors };
  const { stack } = load;
  const result: StackCheck = { found: [], suppressed: [], secrets: [], files: stack.files.length, errors: [], stack };
  try {
    const project = new Project(stack.docs, stack.editable ? { editable: stack.docs.filter((d) => stack.editable!.includes(d.filename)) } : {});
    result.secrets = [...secretsInProject(project)];
    const checked = runChecks(project, options);
    result.found = checked.findings;
    result.suppressed = checked.suppressed;
  } catch (error) {
    result.internal = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  return result;
}
