/**
 * The house style of a compose file, detected once so that text compose-gate inserts looks
 * like the text around it: line endings, indentation width, whether block sequences are
 * indented under their key, and the preferred quote character.
 */
export interface FileStyle {
  /** `"\r\n"` when most line breaks are CRLF, else `"\n"`. */
  eol: "\n" | "\r\n";
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Spaces per nesting level (2 when nothing can be measured). */
  indent: number;
  /** `true` for `key:\n  - item`, `false` for `key:\n- item`. */
  indentSeq: boolean;
  /** Quote used for strings that need quoting. */
  quote: "double" | "single";
  /** The file ends with a line break. */
  finalNewline: boolean;
}

export function detectStyle(text: string): FileStyle {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  // The BOM counts as white space to trimStart(), which would skew every indent measured.
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  return {
    eol: crlf > lf ? "\r\n" : "\n",
    bom: text.charCodeAt(0) === 0xfeff,
    indent: detectIndent(lines),
    indentSeq: detectIndentSeq(lines),
    quote: detectQuote(text),
    finalNewline: /\n$/.test(text),
  };
}

const leading = (line: string) => line.length - line.trimStart().length;
const isContentLine = (line: string) => line.trim() !== "" && !line.trimStart().startsWith("#");

/** The first content line after line `i`; scanning forward (not slicing) keeps detection linear. */
function nextContentLine(lines: string[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length; j++) if (isContentLine(lines[j])) return lines[j];
  return undefined;
}

/** Most common positive step between a `key:` line and the line that opens its block. */
function detectIndent(lines: string[]): number {
  const votes = new Map<number, number>();
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (!isContentLine(line) || !/:\s*(#.*)?$/.test(line)) continue;
    const next = nextContentLine(lines, i);
    if (next === undefined) continue;
    const step = leading(next) - leading(line);
    if (step > 0 && step <= 8 && !next.trimStart().startsWith("- ")) {
      votes.set(step, (votes.get(step) ?? 0) + 1);
    }
  }
  let best = 2;
  let bestVotes = 0;
  for (const [step, n] of votes) {
    if (n > bestVotes || (n === bestVotes && step < best)) {
      best = step;
      bestVotes = n;
    }
  }
  return best;
}

/** Do block sequences sit deeper than their key (`ports:\n  - 80`) or level with it? */
function detectIndentSeq(lines: string[]): boolean {
  let indented = 0;
  let flush = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (!isContentLine(line) || !/:\s*(#.*)?$/.test(line)) continue;
    const next = nextContentLine(lines, i);
    if (!next || !/^\s*-(\s|$)/.test(next)) continue;
    if (leading(next) > leading(line)) indented++;
    else if (leading(next) === leading(line)) flush++;
  }
  return indented >= flush;
}

function detectQuote(text: string): "double" | "single" {
  const single = (text.match(/:\s+'[^'\n]*'/g) ?? []).length + (text.match(/-\s+'[^'\n]*'/g) ?? []).length;
  const double = (text.match(/:\s+"[^"\n]*"/g) ?? []).length + (text.match(/-\s+"[^"\n]*"/g) ?? []).length;
  return single > double ? "single" : "double";
}
