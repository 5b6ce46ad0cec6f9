/**
 * Option values as cac hands them over, normalised: a bare flag is `true`, a repeated option an
 * array, and numeric-looking values arrive as numbers.
 */
import { CliError } from "./errors.js";

/** A string option given once (the last one wins when repeated). */
export function stringOption(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return stringOption(value[value.length - 1], flag);
  if (typeof value !== "string" && typeof value !== "number") throw new CliError(`${flag} needs a value`);
  return String(value);
}

/** Comma-separated, repeatable list flags (`--only a,b --only c`) as one list. */
export function listFlag(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * Like `listFlag`, for values that hold commas of their own: paths and globs (`src/{api,jobs}/**`
 * is one pattern) and `--set` values written as JSON (`volumes=[{"id":1,"mount":"/x"}]` is one
 * setting). A comma inside braces, brackets or double quotes belongs to the value.
 */
export function groupedListFlag(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => splitOutsideGroups(String(v))).map((v) => v.trim()).filter((v) => v !== "");
}

export const pathListFlag = groupedListFlag;

/**
 * `--set id.option=value` flags (repeatable). A value keeps its commas — `x,y` is the text
 * "x,y", `["x","y"]` a JSON list, commas inside brackets, braces and quotes belong to it — but a
 * comma followed by another `id.option=` starts a new assignment, as `--set a.b=1,c.d=2` always did.
 */
export function setFlags(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => joinValueParts(splitOutsideGroups(String(v)))).filter((v) => v.trim() !== "");
}

/** `<transform id>.<option>=` at the start of a part; transform ids are kebab-case. */
const ASSIGNMENT = /^\s*[a-z0-9][a-z0-9-]*\.[A-Za-z0-9_.-]+=/;

/** Parts that do not start an assignment go back onto the value before them. */
function joinValueParts(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (out.length > 0 && !ASSIGNMENT.test(part)) out[out.length - 1] += `,${part}`;
    else out.push(part);
  }
  return out;
}

function splitOutsideGroups(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, text.slice(start)];
}
