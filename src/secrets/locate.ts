/**
 * Where secret text is written in a compose file, as ranges of the text, so that it is hidden
 * wherever compose-gate shows that text, whatever its spelling: `"pa\\ss"`, `'it''s'`, a
 * folded or multi-line scalar, `0xCAFE` all hide the characters that spell the value.
 *
 * What counts as a secret is the classifier's (`literalSecretsIn`, `secretsInCommand`); this
 * module only finds where each one is written. A secret inside a longer value (a URL's
 * password, the default of `${VAR:-…}`, a password on a command line) hides only its own
 * characters where that is unambiguous, so the rest of the line stays readable.
 */
import type { ComposeDocument, Path } from "../document/compose-document.js";
import type { Span, WrittenScalar } from "../document/written.js";
import { COMMAND_FIELDS, secretsInCommand, type FoundSecret } from "./command-line.js";
import { isSecretName, literalSecretsIn, parseReference, parseUrlCredentials, referenceDefault, type SecretRules } from "./detect.js";

export interface LocatedSecrets {
  /** Sorted, disjoint `[start, end)` ranges of the document's text that spell secret values. */
  spans: Span[];
  /**
   * Each secret's value, and its spelling where the whole scalar is the secret (`pa\\ss` for
   * `"pa\\ss"`): what to look for in texts that have no positions (messages, generated files).
   */
  values: string[];
}

const COMMAND_KEYS = new Set(COMMAND_FIELDS.map((f) => f.path[f.path.length - 1]));
/** `KEY=value` in a list (environment, build args, labels) or in a config's content line. */
const ASSIGNMENT = /^([^=\s]+)=(.*)$/s;
const CONTENT_LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][\w.-]*)([ \t]*[=:][ \t]*)(.*?)[ \t]*\r?$/;

/** Every secret written in the document (which must not have been edited yet). */
export function locateSecrets(doc: ComposeDocument, rules: SecretRules = {}): LocatedSecrets {
  const spans: Span[] = [];
  const values = new Set<string>();
  const text = doc.original;
  const hide = (scalar: WrittenScalar, from: number, to: number) => {
    if (to <= from) return;
    const span = scalar.spell(from, to);
    spans.push(span);
    values.add(scalar.value.slice(from, to));
    if (from === 0 && to === scalar.value.length) values.add(text.slice(span[0], span[1]));
  };
  const hideLiterals = (scalar: WrittenScalar, offset: number, value: string, literals: string[]) => {
    for (const literal of literals) for (const at of offsetsOf(value, literal)) hide(scalar, offset + at, offset + at + literal.length);
  };

  for (const { key, list, scalar } of doc.writtenValues()) {
    for (const [from, to] of urlPasswords(scalar.value)) hide(scalar, from, to);
    if (key !== undefined) {
      hideLiterals(scalar, 0, scalar.value, literalSecretsIn(key, scalar.value, rules));
      // A number is a setting to the classifier, but a number under a secret's name is hidden all the same.
      if (scalar.type === "number" && isSecretName(key, rules)) hide(scalar, 0, scalar.value.length);
      continue;
    }
    // Items of a command are shell words, read below: `PGPASSWORD=x pg_isready` is not a variable.
    const assignment = list !== undefined && COMMAND_KEYS.has(list) ? null : ASSIGNMENT.exec(scalar.value);
    if (assignment) hideLiterals(scalar, assignment[1].length + 1, assignment[2], literalSecretsIn(assignment[1], assignment[2], rules));
    else hideLiterals(scalar, 0, scalar.value, literalSecretsIn("", scalar.value, rules));
  }
  for (const service of doc.services()) {
    for (const field of COMMAND_FIELDS) locateInCommand(doc, ["services", service, ...field.path], rules, hide);
  }
  for (const config of doc.keys(["configs"])) locateInConfig(doc, config, rules, hide, hideLiterals);
  return { spans: merged(spans), values: [...values].filter((v) => v.length > 0) };
}

type Hide = (scalar: WrittenScalar, from: number, to: number) => void;

/**
 * A password on a command line: where the word that passes it is written (`--requirepass x`,
 * `PGPASSWORD=x`, `-px`, `:x@`), else every place its text appears in the item, else the
 * whole item (quoting or escapes made the shell word differ from the text).
 */
function locateInCommand(doc: ComposeDocument, path: Path, rules: SecretRules, hide: Hide): void {
  // Read through `written`, not the plain data: this runs on every service before any transform.
  const kind = doc.kind(path);
  const scalars: (WrittenScalar | undefined)[] = [];
  if (kind === "scalar") scalars.push(doc.written(path));
  else if (kind === "seq") for (let i = 0; doc.has([...path, i]); i++) scalars.push(doc.written([...path, i]));
  if (scalars.length === 0) return;
  for (const found of secretsInCommand(scalars.map((s) => s?.value ?? ""), rules)) {
    if (found.kind !== "literal") continue;
    const scalar = scalars[found.valueItem];
    if (!scalar) continue;
    const all = offsetsOf(scalar.value, found.value);
    const passed = all.filter((at) => introduced(scalar.value, at, found));
    if (all.length === 0) hide(scalar, 0, scalar.value.length);
    for (const at of passed.length > 0 ? passed : all) hide(scalar, at, at + found.value.length);
  }
}

/** Whether the text at `at` is the value `found` names: right after its flag, name or `user:`. */
function introduced(text: string, at: number, found: FoundSecret): boolean {
  let i = at;
  if (i > 0 && (text[i - 1] === '"' || text[i - 1] === "'")) i--;
  if (found.introducer === ":") return text[at - 1] === ":" && text[at + found.value.length] === "@";
  if (!found.introducer.endsWith("=") && found.introducer !== "-p") while (i > 0 && /[\s"']/.test(text[i - 1])) i--;
  return text.slice(i - found.introducer.length, i) === found.introducer;
}

/**
 * The password of every URL with credentials anywhere in a value, whatever the value's name
 * and whatever comes before the scheme (`jdbc:postgresql://u:pw@db`, a URL inside a script):
 * masking is wider than the classifier, which reads a value that is a URL. `${VAR}` passwords
 * are references (only a literal default is hidden), `$$…` ones are read at run time.
 */
function urlPasswords(value: string): Span[] {
  const out: Span[] = [];
  for (let sep = value.indexOf("://"); sep >= 0; sep = value.indexOf("://", sep + 3)) {
    let start = sep;
    while (start > 0 && /[a-z0-9+.-]/i.test(value[start - 1])) start--;
    const url = start < sep ? parseUrlCredentials(value.slice(start)) : undefined;
    if (!url || url.password.startsWith("$$")) continue;
    const at = start + url.scheme.length + 3 + url.user.length + 1;
    const ref = parseReference(url.password);
    const fallback = ref ? referenceDefault(ref) : url.password;
    if (fallback) out.push([at + url.password.length - (ref ? 1 : 0) - fallback.length, at + url.password.length - (ref ? 1 : 0)]);
  }
  return out;
}

/** A config named like a secret is a secret; any other may hold `NAME=value` lines that are. */
function locateInConfig(
  doc: ComposeDocument,
  config: string,
  rules: SecretRules,
  hide: Hide,
  hideLiterals: (scalar: WrittenScalar, offset: number, value: string, literals: string[]) => void,
): void {
  const content = doc.written(["configs", config, "content"]);
  if (!content) return;
  if (isSecretName(config, rules)) {
    hide(content, 0, content.value.length);
    return;
  }
  let lineStart = 0;
  for (const line of content.value.split("\n")) {
    const m = CONTENT_LINE.exec(line);
    if (m) {
      const value = m[4].replace(/^(["'])(.*)\1$/, "$2");
      const offset = lineStart + m[1].length + m[2].length + m[3].length + (value === m[4] ? 0 : 1);
      hideLiterals(content, offset, value, literalSecretsIn(m[2], value, rules));
    }
    lineStart += line.length + 1;
  }
}

/**
 * Where the classifier's `literal` sits in `value`: the whole value, a URL's password, the
 * default of `${VAR:-…}` (also inside a URL, or as a URL) — found by structure, so the
 * password `postgres` of `postgres://postgres:postgres@db` is the third word, not the first.
 * Anything else: every place the literal's text appears in the value.
 */
export function offsetsOf(value: string, literal: string): number[] {
  if (literal === "") return [];
  if (literal === value) return [0];
  const structural = candidates(value, 0).find((at) => at > 0 && value.startsWith(literal, at) && isWholeField(value, at, literal));
  if (structural !== undefined) return [structural];
  const out: number[] = [];
  for (let at = value.indexOf(literal); at >= 0; at = value.indexOf(literal, at + literal.length)) out.push(at);
  return out;
}

/** Offsets at which a secret field of `value` starts, by structure. */
function candidates(value: string, offset: number): number[] {
  const out = [offset];
  const url = parseUrlCredentials(value);
  if (url) {
    const at = offset + url.scheme.length + 3 + url.user.length + 1;
    out.push(at, ...referenceDefaultAt(url.password, at));
  }
  const ref = parseReference(value);
  const fallback = ref ? referenceDefault(ref) : undefined;
  if (fallback !== undefined) {
    const at = offset + value.length - 1 - fallback.length;
    out.push(...candidates(fallback, at));
  }
  return out;
}

function referenceDefaultAt(text: string, offset: number): number[] {
  const ref = parseReference(text);
  const fallback = ref ? referenceDefault(ref) : undefined;
  return fallback === undefined ? [] : [offset + text.length - 1 - fallback.length];
}

/** The literal ends where a structural field ends: the value's end, a `}`, or a URL's `@`. */
function isWholeField(value: string, at: number, literal: string): boolean {
  const end = at + literal.length;
  return end === value.length || value[end] === "}" || value[end] === "@";
}

/** Sorted, with overlapping and touching ranges joined. */
function merged(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
