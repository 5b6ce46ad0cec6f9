/**
 * A scalar replaced by a scalar, or a key renamed, is rewritten in its own token, so everything
 * around it on the line — its key or value, its trailing comment, its line break — keeps its bytes.
 */
import { CST, type Scalar } from "yaml";
import type { Quote } from "../fragment.js";
import { scalarText } from "../render.js";
import { isTypeAmbiguous, type ScalarValue } from "../scalar.js";
import type { FileStyle } from "../style.js";

/**
 * Rewrite a scalar's text in place. A quoted value stays quoted the same way; the new text is
 * always one line, so a long value is never folded and line endings stay the file's own.
 */
export function setScalar(node: Scalar, value: ScalarValue, style: FileStyle): void {
  const token = node.srcToken as CST.FlowScalar | CST.BlockScalar;
  if (token.type === "block-scalar") {
    CST.setScalarValue(token, value === null ? "" : String(value), { afterKey: true });
    if (style.eol === "\r\n") token.source = token.source.replace(/\r?\n/g, "\r\n");
  } else {
    const kept: Quote = token.type === "double-quoted-scalar" ? "double" : token.type === "single-quoted-scalar" ? "single" : undefined;
    const text = scalarText(value, style, typeof value === "string" ? kept : undefined);
    token.type = text.startsWith('"') ? "double-quoted-scalar" : text.startsWith("'") ? "single-quoted-scalar" : "scalar";
    token.source = text;
  }
  node.value = value;
}

/**
 * Rewrite a map key's text in place, quoted when it would read back as another type (a quoted
 * `"<<"` is a string, not a merge), and keep the composed key in step.
 */
export function setKeyText(key: Scalar, token: CST.FlowScalar, newKey: string): void {
  const quoted = isTypeAmbiguous(newKey);
  CST.setScalarValue(token, newKey, { implicitKey: true, type: quoted ? "QUOTE_DOUBLE" : undefined });
  key.value = newKey;
  // The composed key must read as the text does.
  if (quoted) key.type = "QUOTE_DOUBLE";
}
