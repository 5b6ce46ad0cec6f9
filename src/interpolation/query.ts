/**
 * Questions rules and transforms ask about a compose value, answered from its token tree so
 * that `$$`, nesting and malformed references are handled in one place.
 */
import { tokenize, type Operator, type Part, type VarPart } from "./tokenize.js";

/** Visit every variable reference, outer ones before the ones nested in their arguments. */
export function eachVariable(parts: readonly Part[], visit: (part: VarPart) => void): void {
  for (const part of parts) {
    if (part.kind !== "var") continue;
    visit(part);
    if (part.argument) eachVariable(part.argument, visit);
  }
}

/**
 * Every variable a value needs, nested defaults included, first use first. This is the list a
 * `.env` file must be able to answer for the value to resolve as its author intended.
 */
export function variablesIn(value: string): string[] {
  if (!value.includes("$")) return [];
  const names = new Set<string>();
  eachVariable(tokenize(value).parts, (part) => names.add(part.name));
  return [...names];
}

/**
 * Whether the value depends on the environment. `$$` escapes and malformed `${` are not
 * references, so `test-$$HOSTNAME` is a constant.
 */
export function hasInterpolation(value: string): boolean {
  if (!value.includes("$")) return false;
  return tokenize(value).parts.some((part) => part.kind === "var");
}

/** The single, well-formed reference a whole value consists of, if that is all it is. */
function soleReference(value: string): VarPart | undefined {
  const { parts, errors } = tokenize(value);
  if (errors.length > 0 || parts.length !== 1) return undefined;
  return parts[0].kind === "var" ? parts[0] : undefined;
}

/**
 * The variable name when the value is exactly `${NAME}` or `$NAME`: such a value passes the
 * variable through unchanged, so moving it (to a secret, another service) loses nothing.
 */
export function isBareReference(value: string): string | undefined {
  const part = soleReference(value);
  return part && !part.operator ? part.name : undefined;
}

export interface DefaultReference {
  name: string;
  operator: Extract<Operator, ":-" | "-">;
  /** The default as written, escapes and nested references included. */
  raw: string;
  /** The value compose falls back to, when the default is plain text (`$$` resolved). */
  literal?: string;
}

/**
 * The default of a value that is exactly `${NAME:-default}` or `${NAME-default}`. A literal
 * default is what the service gets when `.env` is silent, which is what checks for plaintext
 * credentials and bind addresses need to look at.
 */
export function defaultOf(value: string): DefaultReference | undefined {
  const part = soleReference(value);
  if (!part || (part.operator !== ":-" && part.operator !== "-")) return undefined;
  const argument = part.argument ?? [];
  const raw = argumentRaw(part);
  const plain = argument.every((p) => p.kind === "text");
  const reference: DefaultReference = { name: part.name, operator: part.operator, raw };
  if (plain) reference.literal = argument.map((p) => (p.kind === "text" ? p.text : "")).join("");
  return reference;
}

/** The argument of `${NAME<op>argument}` exactly as written. */
export function argumentRaw(part: VarPart): string {
  if (!part.operator) return "";
  return part.raw.slice(2 + part.name.length + part.operator.length, -1);
}

const takesDefault = (part: VarPart): boolean => part.operator === ":-" || part.operator === "-";

/**
 * The text compose produces when no variable is set: defaults are taken, other references
 * become empty, `$$` becomes `$`. Used to see where a value points by default.
 */
export function resolveDefaults(value: string): string {
  if (!value.includes("$")) return value;
  return withDefaults(tokenize(value).parts);
}

function withDefaults(parts: readonly Part[]): string {
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") out += part.text;
    else if (takesDefault(part)) out += withDefaults(part.argument ?? []);
  }
  return out;
}

/** Whether some reference on the default path has no default, so only the environment can say what the value is. */
export function dependsOnEnvironment(value: string): boolean {
  if (!value.includes("$")) return false;
  const needsEnvironment = (parts: readonly Part[]): boolean =>
    parts.some((part) => part.kind === "var" && (!takesDefault(part) || needsEnvironment(part.argument ?? [])));
  return needsEnvironment(tokenize(value).parts);
}
