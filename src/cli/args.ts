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
 * `--set id.option=value` flags (repeatable). A value is never split at its own commas — `x,y`
 * is the text "x,y" and `["x","y"]` a JSON list — but a comma directly followed by another
 * `id.option=` starts a new assignment, as `--set a.b=1,c.d=2` always did.
 */
export function setFlags(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(NEXT_ASSIGNMENT)).filter((v) => v.trim() !== "");
}

/** A comma before `<transform id>.<option>=`; transform ids are kebab-case. */
const NEXT_ASSIGNMENT = /,(?=[a-z0-9][a-z0-9-]*\.[A-Za-z0-9_.-]+=)/;

/**
 * Like `listFlag`, for paths and globs: a comma inside braces belongs to the glob
 * (`src/{api,jobs}/**` is one pattern).
 */
export function pathListFlag(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => splitOutsideBraces(String(v))).map((v) => v.trim()).filter((v) => v !== "");
}

function splitOutsideBraces(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && depth > 0) depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, text.slice(start)];
}
