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
