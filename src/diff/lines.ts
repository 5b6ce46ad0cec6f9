/**
 * Line splitting the way git sees a file: only `\n` ends a line. A `\r` before it stays part of
 * the line, which is what keeps CRLF files byte-exact through `git apply`, and a bare `\r` is
 * ordinary content. The last line may lack a terminator; that is how "no newline at end of
 * file" is represented everywhere in this module.
 */

/** Splits text into lines that keep their `\n`; `join("")` restores the input exactly. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** A line cut into its visible text and its terminator (`"\r\n"`, `"\n"` or `""` at EOF). */
export interface LineParts {
  text: string;
  eol: "\r\n" | "\n" | "";
}

/**
 * Separates the terminator so that masks and colours only touch the visible text: a mask must
 * not eat the `\r` of a CRLF line, and colour codes must not end up between `\r` and `\n`.
 */
export function lineParts(line: string): LineParts {
  if (line.endsWith("\r\n")) return { text: line.slice(0, -2), eol: "\r\n" };
  if (line.endsWith("\n")) return { text: line.slice(0, -1), eol: "\n" };
  return { text: line, eol: "" };
}
