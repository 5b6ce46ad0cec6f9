/**
 * Wording of schema problems. Zod's default messages talk about JavaScript types
 * ("expected object, received array"); compose users think in YAML (maps, lists, strings), so
 * every issue is phrased here once, in those terms.
 */
import type { z } from "zod";

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "a map",
  array: "a list",
  null: "an empty value",
  record: "a map",
};

/** A short, YAML-flavoured description of a value, for "got …" clauses. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${quote(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return typeof value;
}

function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(short);
}

/**
 * Error map passed to every parse. It only fills in messages the schemas did not set
 * themselves, so field-specific wording (ports, environment…) always wins.
 */
export const composeErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case "invalid_value":
      if (issue.input === undefined) return `is required (one of ${listValues(issue.values)})`;
      return `expected one of ${listValues(issue.values)}, got ${describeValue(issue.input)}`;
    case "too_small":
      return `must be at least ${String(issue.minimum)}, got ${describeValue(issue.input)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}, got ${describeValue(issue.input)}`;
    case "invalid_format":
      return `${describeValue(issue.input)} does not match the expected format${issue.pattern ? ` (${issue.pattern})` : ""}`;
    case "invalid_union":
      return `${describeValue(issue.input)} is not one of the accepted forms`;
    default:
      return undefined;
  }
};

function listValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** `services.web.ports[0]`, `labels["com.example.team"]`, or `(root)` for the document. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** The known key a typo most likely meant, if one is close enough to be worth suggesting. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance where swapping two neighbours counts as one edit, the commonest typo. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}
