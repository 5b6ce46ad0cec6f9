/**
 * Unicode line breaks that Docker's YAML reader sees and compose-gate's does not. go-yaml (the
 * reader behind `docker stack deploy` and `docker compose`) follows YAML 1.1, where NEL
 * (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) break lines
 * (https://yaml.org/spec/1.1/, 5.4 "Line Break Characters"; `is_break` in go-yaml's
 * yamlprivateh.go); `yaml`
 * reads YAML 1.2, where they are ordinary characters. A comment `# note<U+2028>privileged: true`
 * is one comment to compose-gate and a `privileged: true` key to Docker.
 *
 * Measured with `docker stack config` (Docker 28): in plain scalars, block scalars and
 * comments all three break the line. Inside single or double quotes NEL is folded into a
 * space, while U+2028 and U+2029 stay characters of the value as they do for `yaml` — but as
 * line breaks they still fold: blanks next to them are dropped (`"a \u2028 b"` is `a\u2028b`
 * to Docker) and a backslash before them escapes the break. So U+2028 and U+2029 are accepted
 * inside quotes between other characters, and everything else is refused.
 */
import type { Token } from "./tokens.js";

const BREAKS = /[\u0085\u2028\u2029]/;
const ALL_BREAKS = /[\u0085\u2028\u2029]/g;
/** Next to a separator inside quotes, these are read differently by the two readers. */
const FOLDED_BEFORE = new Set([" ", "\t", "\n", "\r", "\\"]);
const FOLDED_AFTER = new Set([" ", "\t", "\n", "\r"]);

export interface UnicodeBreak {
  offset: number;
  /** `U+2028` etc. */
  code: string;
  /** Inside quotes (refused there for NEL, or for blanks around it). */
  quoted: boolean;
}

/** The first Unicode line break Docker would read differently from compose-gate, if any. */
export function unicodeBreak(text: string, tokens: readonly Token[]): UnicodeBreak | undefined {
  if (!BREAKS.test(text)) return undefined;
  const quoted = quotedRanges(tokens);
  for (const m of text.matchAll(ALL_BREAKS)) {
    const offset = m.index;
    const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    const inQuotes = quoted.some(([start, end]) => offset > start && offset < end - 1);
    if (!inQuotes) return { offset, code, quoted: false };
    if (m[0] === "\u0085" || FOLDED_BEFORE.has(text[offset - 1]) || FOLDED_AFTER.has(text[offset + 1])) return { offset, code, quoted: true };
  }
  return undefined;
}

/** `[start, end)` of every quoted scalar token, quotes included. */
function quotedRanges(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  const visit = (token: unknown) => {
    if (!token || typeof token !== "object") return;
    const t = token as { type?: string; offset?: number; source?: string };
    if ((t.type === "double-quoted-scalar" || t.type === "single-quoted-scalar") && typeof t.offset === "number" && typeof t.source === "string") {
      out.push([t.offset, t.offset + t.source.length]);
      return;
    }
    for (const value of Object.values(token)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object") visit(value);
    }
  };
  tokens.forEach(visit);
  return out;
}
