/**
 * Hiding secret values in everything compose-gate shows: diffs, findings, reports, errors.
 *
 * Two ways, used together:
 * - by position: a diff line of a compose file is masked where `locateSecrets` found secret
 *   text in that file (`FileChange.secrets`), whatever its spelling (escapes, `''`, folded
 *   lines, `0xCAFE`);
 * - by value, for text without positions (messages, generated files) and as a net under the
 *   first: each secret, each line of a multi-line one, its spelling in the file and its
 *   `encodeURIComponent` form are looked for in one linear pass (`Dictionary`). A value that
 *   is also an ordinary word or number (`postgres`, `admin`, `5432`, anything under 8
 *   characters) is hidden only where it stands as a value — after a secret's name and `=` or
 *   `:`, as a URL's password, after a password flag — so `image: postgres:16` and
 *   `services.postgres` stay readable while `POSTGRES_PASSWORD: postgres` does not.
 */
import type { MaskedLine } from "../diff/types.js";
import { isPasswordFlag } from "./command-line.js";
import { isSecretName } from "./detect.js";
import { Dictionary } from "./scan.js";

/** What a masked value is replaced with. */
export const MASK = "****";

export interface MaskOptions {
  /**
   * Called for every secret hidden, with its text: the whole secret as written for one found
   * by position (a multi-line value once, not once per line), the text found otherwise. For
   * counting secrets, never for showing them.
   */
  onHidden?: (secret: string) => void;
}

/** Masks a text: a message, or a diff line when `at` says which one. */
export type SecretMask = (text: string, at?: MaskedLine) => string;

/** A range of a line to hide, and the whole secret it is part of when known by position. */
type Range = [start: number, end: number, secret?: string];

/**
 * A mask for `values` (and for the positions that changes passed to it carry). The result is
 * for display: a masked patch no longer matches the file and may not apply.
 */
export function secretMasker(values: Iterable<string>, options: MaskOptions = {}): SecretMask {
  const { distinct, wordLike } = spellings(values);
  const strong = new Dictionary(distinct);
  const weak = new Dictionary(wordLike);
  const positions = new WeakMap<object, PositionIndex>();
  const none = strong.size === 0 && weak.size === 0;
  // Lines of a diff repeat (`      replicas: 2`): what the values cover in a short line is kept.
  const seen = new Map<string, Range[]>();
  const byValue = (text: string): Range[] => {
    let ranges = text.length <= MEMO_LINE ? seen.get(text) : undefined;
    if (!ranges) {
      ranges = strong.cover(text);
      weak.each(text, (start, end) => {
        if (standsAsValue(text, start, end)) ranges!.push([start, end]);
      });
      if (text.length <= MEMO_LINE) {
        if (seen.size >= MEMO_LINES) seen.clear();
        seen.set(text, ranges);
      }
    }
    return ranges;
  };
  return (text, at) => {
    const spans = at?.change.secrets ? positionalRanges(text, at, positions) : [];
    if (none && spans.length === 0) return text;
    return hide(text, [...spans, ...byValue(text)], options.onHidden);
  };
}

const MEMO_LINE = 160;
const MEMO_LINES = 20_000;

/** Distinct spellings to look for, split into distinctive ones and word-like ones. */
function spellings(values: Iterable<string>): { distinct: string[]; wordLike: string[] } {
  const distinct = new Set<string>();
  const wordLike = new Set<string>();
  const add = (piece: string) => {
    if (piece.trim() === "") return;
    (isWordLike(piece) ? wordLike : distinct).add(piece);
  };
  for (const value of values) {
    const pieces = value.includes("\n") ? [value, ...value.split(/\r?\n/).map((l) => l.trim())] : [value];
    for (const piece of pieces) {
      add(piece);
      const encoded = encodeURIComponent(piece);
      if (encoded !== piece) {
        add(encoded);
        add(encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()));
      }
    }
  }
  return { distinct: [...distinct], wordLike: [...wordLike] };
}

/** Short values, numbers and plain words: also found in image names, keys and prose. */
function isWordLike(value: string): boolean {
  return value.length < 8 || /^[A-Za-z]+([_.-][A-Za-z]+)*$/.test(value) || /^[0-9.+-]+$/.test(value);
}

const VALUE_END = /[\s"'`,;&|)\]}@#\u2424]/;

/**
 * Whether `text[start, end)` stands as a value: it ends the text or a word, and it follows a
 * secret's name and `=` or `:` (`PGPASSWORD=x`, `DB_PASSWORD: "x"`), a URL's `user:` before
 * `@`, a password flag (`--requirepass x`, `--password=x`) or MySQL's `-p`.
 */
function standsAsValue(text: string, start: number, end: number): boolean {
  if (end < text.length && !VALUE_END.test(text[end])) return false;
  if (start === 0) return end === text.length;
  const before = text[start - 1];
  if (before === ":" && text[end] === "@") return /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*:$/i.test(text.slice(Math.max(0, start - 256), start));
  if (before === "p" && text[start - 2] === "-" && (start === 2 || /[\s"'=]/.test(text[start - 3]))) return true;
  let i = start - 1;
  while (i >= 0 && /["'\s]/.test(text[i])) i--;
  if (i < 0) return false;
  const sign = text[i];
  if (sign === "=" || sign === ":") {
    if (sign === ":" && i === start - 1) return false;
    let k = i - 1;
    while (k >= 0 && /["']/.test(text[k])) k--;
    const name = /[\w.-]+$/.exec(text.slice(Math.max(0, k - 255), k + 1))?.[0];
    return name !== undefined && (isSecretName(name) || isPasswordFlag(name.replace(/^-+/, "")));
  }
  if (i === start - 1) return false;
  const flag = /(?:^|\s)--?([A-Za-z][\w.-]*)$/.exec(text.slice(Math.max(0, i - 255), i + 1));
  return flag !== null && isPasswordFlag(flag[1]);
}

/** Replaces each run of hidden ranges with one MASK. */
function hide(text: string, ranges: Range[], onHidden?: (secret: string) => void): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (let r = 0; r < ranges.length; ) {
    const first = ranges[r++];
    let end = first[1];
    const secrets = [first[2] ?? text.slice(first[0], first[1])];
    while (r < ranges.length && ranges[r][0] <= end) {
      const next = ranges[r++];
      end = Math.max(end, next[1]);
      secrets.push(next[2] ?? text.slice(next[0], next[1]));
    }
    const start = Math.max(first[0], at);
    if (end <= start) continue;
    if (onHidden) for (const secret of secrets) onHidden(secret);
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}

/** Line starts and spans of one side of a change, for finding the spans of a line quickly. */
interface SideIndex {
  text: string;
  lineStarts: number[];
  spans: readonly (readonly [number, number])[];
}

interface PositionIndex {
  before?: SideIndex;
  after?: SideIndex;
}

/** The columns of `line` that its change's secret spans cover, on whichever sides it is. */
function positionalRanges(line: string, at: MaskedLine, cache: WeakMap<object, PositionIndex>): Range[] {
  let index = cache.get(at.change);
  if (!index) {
    index = {
      before: sideIndex(at.change.before, at.change.secrets?.before),
      after: sideIndex(at.change.after, at.change.secrets?.after),
    };
    cache.set(at.change, index);
  }
  return [...columns(line, index.before, at.before), ...columns(line, index.after, at.after)];
}

function sideIndex(text: string | null, spans: readonly (readonly [number, number])[] | undefined): SideIndex | undefined {
  if (text === null || !spans || spans.length === 0) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { text, lineStarts, spans };
}

function columns(line: string, side: SideIndex | undefined, lineNumber: number | undefined): Range[] {
  if (!side || lineNumber === undefined || lineNumber < 1 || lineNumber > side.lineStarts.length) return [];
  const lineStart = side.lineStarts[lineNumber - 1];
  const lineEnd = lineStart + line.length;
  const out: Range[] = [];
  for (let s = firstEndingAfter(side.spans, lineStart); s < side.spans.length && side.spans[s][0] < lineEnd; s++) {
    const [start, end] = side.spans[s];
    let from = Math.max(start, lineStart) - lineStart;
    // A span that began on an earlier line (a block scalar) leaves this line's indentation visible.
    if (start < lineStart) while (from < line.length && (line[from] === " " || line[from] === "\t")) from++;
    const to = Math.min(end, lineEnd) - lineStart;
    if (to > from) out.push([from, to, side.text.slice(start, end)]);
  }
  return out;
}

/** Index of the first span that ends after `offset` (spans are sorted and disjoint). */
function firstEndingAfter(spans: readonly (readonly [number, number])[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
