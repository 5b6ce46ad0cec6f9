/**
 * Validation of a whole compose file against the spec, with every problem reported at the
 * line and column where it is written. Other tools stop at the first schema error and report it
 * at 1:1 or as a bare path; a reviewer needs all of them, in the file, at once.
 */
import type { z } from "zod";
import { ComposeFile } from "./compose.js";
import { composeErrorMap, formatPath } from "./messages.js";

export type SchemaPath = (string | number)[];

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** What validation needs from a parsed file; `ComposeDocument` provides it. */
export interface ValidationSource {
  filename: string;
  /** The data as Docker reads it (aliases and merge keys resolved). */
  toJS(): unknown;
  /** Where the entry at `path` is written, or `undefined` if it is not written anywhere. */
  locate(path: SchemaPath): SourceLocation | undefined;
}

export interface SchemaProblem extends SourceLocation {
  code: "SCHEMA";
  path: SchemaPath;
  /** `services.web.ports[0]: expected a port number, …` */
  message: string;
}

interface Finding {
  path: SchemaPath;
  text: string;
}

type Issue = z.core.$ZodIssue;

/** Issue codes that mean "this branch of a union is the wrong shape altogether". */
const SHAPE_MISMATCH = new Set(["invalid_type", "invalid_union", "invalid_value"]);

/**
 * Every schema problem in the file, in file order. Returns `[]` for a valid file. Each problem
 * points at the key (for map entries) or the item (for list entries) it is about; a missing key
 * points at the map that lacks it.
 */
export function validateCompose(source: ValidationSource): SchemaProblem[] {
  // jitless: compiling zod's fast path costs more than it saves for the few files a run checks.
  const result = ComposeFile.safeParse(source.toJS(), { error: composeErrorMap, jitless: true });
  if (result.success) return [];
  const findings = unique(result.error.issues.flatMap((issue) => flatten(issue, [])));
  return findings.map((finding) => toProblem(source, finding)).sort(byPosition);
}

/**
 * Unions report one list of issues per branch. When a value has the right shape for a branch
 * (an environment list with one bad item), the issues of that branch are the useful ones; when
 * it fits no branch, the union's own message says which forms are accepted.
 */
function flatten(issue: Issue, base: PropertyKey[]): Finding[] {
  const path = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branch = closestBranch(issue.errors);
    if (branch) return branch.flatMap((inner) => flatten(inner, path));
  }
  return [{ path: toSchemaPath(path), text: issue.message }];
}

/** The branch whose shape matched best: no type mismatch at its root, then fewest issues. */
function closestBranch(branches: Issue[][]): Issue[] | undefined {
  const shaped = branches.filter((issues) => issues.every((i) => i.path.length > 0 || !SHAPE_MISMATCH.has(i.code)));
  let best: Issue[] | undefined;
  for (const issues of shaped) if (!best || issues.length < best.length) best = issues;
  return best;
}

function toSchemaPath(path: PropertyKey[]): SchemaPath {
  return path.map((key) => (typeof key === "number" ? key : String(key)));
}

function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.path, f.text]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(source: ValidationSource, finding: Finding): SchemaProblem {
  const at = locateNearest(source, finding.path);
  return { code: "SCHEMA", path: finding.path, message: `${formatPath(finding.path)}: ${finding.text}`, ...at };
}

/** The closest written ancestor of `path`: a missing key is reported on the map that lacks it. */
function locateNearest(source: ValidationSource, path: SchemaPath): SourceLocation {
  for (let length = path.length; length >= 0; length--) {
    const at = source.locate(path.slice(0, length));
    if (at) return { file: at.file, line: at.line, column: at.column };
  }
  return { file: source.filename, line: 1, column: 1 };
}

function byPosition(a: SchemaProblem, b: SchemaProblem): number {
  return a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
