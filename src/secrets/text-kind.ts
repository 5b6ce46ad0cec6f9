/**
 * Whether a value writes secret text into the file or only names a variable that holds it.
 * Shared by the checks (how bad a finding is) and masking (what must never be shown).
 */
import { eachVariable } from "../interpolation/query.js";
import { tokenize, type Part } from "../interpolation/tokenize.js";

const hasText = (parts: readonly Part[]) => parts.some((p) => p.kind === "text" && /[A-Za-z0-9]/.test(p.text));

/**
 * Whether secret text is written in the file: `${A}`, `$A` and `${A}:${B}` write none;
 * anything else does, including the default of `${A:-default}` (the value when A is unset)
 * and `$${A}`, which is the literal text `${A}`.
 */
export function textKind(value: string): "literal" | "reference" {
  const { parts } = tokenize(value);
  if (!parts.some((p) => p.kind === "var") || hasText(parts)) return "literal";
  let literalDefault = false;
  eachVariable(parts, (v) => {
    if ((v.operator === "-" || v.operator === ":-") && hasText(v.argument ?? [])) literalDefault = true;
  });
  return literalDefault ? "literal" : "reference";
}
