/**
 * Where `docker stack deploy` disagrees with `docker compose` about a value's interpolation.
 *
 * docker/cli (`cli/compose/template/template.go`) has its own, older interpolation:
 * - its pattern only knows `:-`, `-`, `:?` and `?`, so `:+` / `+` fail with "invalid
 *   interpolation format";
 * - an argument runs to the first `}` and is used as written, never interpolated itself, so
 *   nested references and `$$` inside a default come out verbatim (`${A:-${B:-1}}` gives
 *   `${B:-1}` followed by a stray `}`);
 * - it picks the operator by testing `:-`, `-`, `:?`, `?` in that order anywhere in the
 *   reference, so `${A:?use-a-value}` is read as `${A:?use` with default `a-value`;
 * - it accepts an operator after an unbraced name too, so `$A-$B` means "A, else `$B`";
 * - a `$` not followed by `$`, a name or `{` is an error, where compose keeps it as text.
 */
import { argumentRaw } from "./query.js";
import { tokenize, type Part, type TextPart, type VarPart } from "./tokenize.js";

export type SwarmIncompatibilityKind =
  | "presence-operator"
  | "nested-argument"
  | "brace-in-argument"
  | "operator-misread"
  | "unbraced-operator"
  | "lone-dollar";

export interface SwarmIncompatibility {
  kind: SwarmIncompatibilityKind;
  /** `rejected`: the deploy fails. `misread`: it succeeds with a different value. */
  effect: "rejected" | "misread";
  message: string;
  /** The offending text and its offsets in the value. */
  raw: string;
  start: number;
  end: number;
}

/** docker/cli's operator precedence: the first of these found anywhere in the reference wins. */
const CLI_OPERATOR_ORDER = [":-", "-", ":?", "?"] as const;

/**
 * Constructs in a value that `docker stack deploy` rejects or silently resolves differently
 * from `docker compose`. Empty when the value means the same to both (or is already invalid
 * for compose, which its own error covers).
 */
export function swarmIncompatibilities(value: string): SwarmIncompatibility[] {
  if (!value.includes("$")) return [];
  const { parts, errors } = tokenize(value);
  const invalidAt = new Set(errors.map((e) => e.offset));
  const found: SwarmIncompatibility[] = [];
  for (const part of parts) {
    const issue = part.kind === "var" ? checkReference(value, part) : undefined;
    if (issue) found.push(issue);
    if (part.kind === "text") found.push(...loneDollars(part, invalidAt));
  }
  return found;
}

function checkReference(value: string, part: VarPart): SwarmIncompatibility | undefined {
  if (!part.braced) return unbracedOperator(value, part);
  if (!part.operator) return undefined;
  const ref = quote(part.raw);
  if (part.operator === ":+" || part.operator === "+") {
    return finding(part, "presence-operator", "rejected", `${ref}: docker stack deploy rejects the "${part.operator}" operator (invalid interpolation format); only :-, -, :? and ? work there`);
  }
  const argument = argumentRaw(part);
  if (interpolatesArgument(part.argument ?? [])) {
    return finding(part, "nested-argument", "misread", `${ref}: docker stack deploy does not interpolate inside "${part.operator}" arguments, so nested variables and $$ escapes in ${quote(argument)} are used as written`);
  }
  if (argument.includes("}")) {
    return finding(part, "brace-in-argument", "misread", `${ref}: docker stack deploy ends the reference at the first "}", cutting the argument short and leaving the rest as text`);
  }
  const cliOperator = CLI_OPERATOR_ORDER.find((op) => part.raw.includes(op));
  if (cliOperator !== part.operator) {
    return finding(part, "operator-misread", "misread", `${ref}: docker stack deploy reads the operator as "${cliOperator}" (it checks :-, -, :?, ? in that order), not "${part.operator}"`);
  }
  return undefined;
}

function finding(part: VarPart, kind: SwarmIncompatibilityKind, effect: SwarmIncompatibility["effect"], message: string): SwarmIncompatibility {
  return { kind, effect, message, raw: part.raw, start: part.start, end: part.end };
}

/** Anything in the argument compose would expand: a reference or a `$$` escape. */
function interpolatesArgument(argument: Part[]): boolean {
  return argument.some((p) => p.kind === "var" || p.raw !== p.text);
}

/** `$NAME-x`, `$NAME?x`, `$NAME:-x`, `$NAME:?x`: docker/cli takes the rest, up to `}`, as an argument. */
function unbracedOperator(value: string, part: VarPart): SwarmIncompatibility | undefined {
  const rest = value.slice(part.end);
  const operator = [":-", ":?", "-", "?"].find((op) => rest.startsWith(op));
  if (!operator) return undefined;
  const stop = value.indexOf("}", part.end);
  const end = stop < 0 ? value.length : stop;
  return {
    kind: "unbraced-operator",
    effect: "misread",
    raw: value.slice(part.start, end),
    start: part.start,
    end,
    message: `${quote(part.raw + operator)}: docker stack deploy reads "${operator}" after an unbraced $${part.name} as an operator and swallows the text after it; write \${${part.name}}${operator} instead`,
  };
}

/** A `$` compose keeps as text but docker/cli rejects; `$$` is the portable spelling. */
function loneDollars(part: TextPart, invalidAt: Set<number>): SwarmIncompatibility[] {
  const found: SwarmIncompatibility[] = [];
  for (let i = 0; i < part.raw.length; i++) {
    if (part.raw[i] !== "$") continue;
    if (part.raw[i + 1] === "$") {
      i++;
      continue;
    }
    const start = part.start + i;
    if (invalidAt.has(start)) continue;
    found.push({
      kind: "lone-dollar",
      effect: "rejected",
      raw: "$",
      start,
      end: start + 1,
      message: `"$" at offset ${start} is kept as text by docker compose but rejected by docker stack deploy (invalid interpolation format); write "$$"`,
    });
  }
  return found;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
