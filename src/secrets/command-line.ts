/**
 * Secrets passed on a command line (`command`, `entrypoint`, `healthcheck.test`): a password
 * flag (`--password=…`, `--requirepass …`), a MySQL client's attached `-p…`, an environment
 * assignment (`PGPASSWORD=…`), or a URL with credentials. Command lines show up in
 * `docker inspect` and in `ps` inside the container.
 *
 * Values the shell reads at run time (`$$VAR`, `$$(cat /run/secrets/x)`, the shim
 * env-to-secrets writes) are not in the configuration and are not reported.
 */
import { parse as parseShell } from "shell-quote";
import { tokenize } from "../interpolation/tokenize.js";
import { isNonSecretValue, isSecretName, parseUrlCredentials, type SecretRules } from "./detect.js";
import { textKind } from "./text-kind.js";

export interface CommandSecret {
  /** How the secret is passed, for messages; never the value (`--password=…`, `PGPASSWORD=…`). */
  label: string;
  /** A compose `${VAR}` reference (the secret comes from the deploy environment) or a literal. */
  kind: "literal" | "reference";
  /** The secret text as written, for masking only. */
  value: string;
  /**
   * What the value follows in the text: the flag (`--requirepass`, `--password=`), the name and
   * `=` of an assignment, MySQL's `-p`, or `:` for a URL's password (which `@` follows).
   */
  introducer: string;
}

/** Flags that carry a password although their names do not say so in secret-detect's words. */
const PASSWORD_FLAGS = new Set(["PASS", "PASSWD", "REQUIREPASS", "MASTERAUTH"]);
const MYSQL_CLIENTS = /(^|\/)(mysql|mysqladmin|mysqldump|mariadb|mariadb-admin|mariadb-dump)$/;
/** `sh -c "…"` inside `sh -c "…"`: deeper nesting is not a command line anyone writes. */
const MAX_NESTING = 4;

/**
 * Split a shell line into words as the shell does (quotes, backslashes, `;` `&&` `|` between
 * commands, comments), with shell-quote. Compose's own `$` syntax is not the shell's: `${…}`,
 * `$NAME` and `$$` are kept whole, as written, and so is a `#` inside a word (`pa#ss`), which
 * shell-quote would otherwise read as the start of a comment.
 */
export function shellWords(line: string): string[] {
  const kept: string[] = [];
  const hold = (raw: string) => `\uE000${kept.push(raw) - 1}\uE001`;
  const protectedLine = tokenize(line)
    .parts.map((p) => (p.kind === "var" ? hold(p.raw) : p.raw.replace(/\$\$/g, hold)))
    .join("")
    .replace(/(?<=\S)#/g, hold);
  const restore = (word: string) => word.replace(/\uE000(\d+)\uE001/g, (_, i: string) => kept[Number(i)]);
  let entries: ReturnType<typeof parseShell>;
  try {
    entries = parseShell(protectedLine, (name) => `$${name}`);
  } catch {
    // shell-quote refuses some malformed input (`${` with no end): words split on blanks then.
    return line.split(/\s+/).filter((w) => w !== "");
  }
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string") words.push(restore(entry));
    else if ("pattern" in entry) words.push(restore(entry.pattern));
  }
  return words;
}

/** Read at run time by the container's shell, not written in the file. */
function isRuntime(value: string): boolean {
  return value.startsWith("$$") || value.startsWith("$(") || value.startsWith("`");
}

function classify(value: string): CommandSecret["kind"] | undefined {
  if (value === "" || isRuntime(value) || isNonSecretValue(value)) return undefined;
  return textKind(value);
}

/** Whether a flag named `name` (without its dashes) takes a password: `--requirepass`, `--db-password`. */
export function isPasswordFlag(name: string, rules: SecretRules = {}): boolean {
  const upper = name.toUpperCase().replace(/-/g, "_");
  return PASSWORD_FLAGS.has(upper) || isSecretName(upper, rules);
}

function inWord(word: string, next: string | undefined, mysql: boolean, rules: SecretRules): (CommandSecret & { usesNext?: boolean }) | undefined {
  const flag = /^(--?)([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(word);
  if (flag && isPasswordFlag(flag[2], rules)) {
    const label = `${flag[1]}${flag[2]}`;
    if (flag[3] !== undefined) {
      const kind = classify(flag[3]);
      return kind && { label: `${label}=…`, kind, value: flag[3], introducer: `${label}=` };
    }
    const kind = next !== undefined && !next.startsWith("-") ? classify(next) : undefined;
    return kind && { label: `${label} …`, kind, value: next!, introducer: label, usesNext: true };
  }
  if (mysql && /^-p./.test(word)) {
    const kind = classify(word.slice(2));
    return kind && { label: "-p…", kind, value: word.slice(2), introducer: "-p" };
  }
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
  if (assignment && isSecretName(assignment[1], rules)) {
    const kind = classify(assignment[2]);
    return kind && { label: `${assignment[1]}=…`, kind, value: assignment[2], introducer: `${assignment[1]}=` };
  }
  // A URL may follow a flag or an assignment (`--db=postgres://…`, `DSN=mysql://…`).
  const scheme = /[a-z][a-z0-9+.-]*:\/\//i.exec(word);
  const url = scheme ? parseUrlCredentials(word.slice(scheme.index)) : undefined;
  if (url) {
    const kind = classify(url.password);
    return kind && { label: `a ${url.scheme}:// URL with a password`, kind, value: url.password, introducer: ":" };
  }
  return undefined;
}

export interface FoundSecret extends CommandSecret {
  /** The command item it is in (0 for a command written as one string): the flag's, for `--flag value`. */
  item: number;
  /** The item that holds the value: the next one for `["--password", "x"]`. */
  valueItem: number;
}

/**
 * The secrets a command passes. `items` is the exec list (or the one string of a shell-form
 * command); each item is split into shell words, and a flag's value may be the next item. A
 * word that holds blanks is also read as a command line of its own: the script of
 * `sh -c "…"`, in either form, wherever it is quoted.
 */
export function secretsInCommand(items: readonly string[], rules: SecretRules = {}): FoundSecret[] {
  return scan(
    items.flatMap((text, item) => shellWords(text).map((word) => ({ word, item }))),
    rules,
    0,
  );
}

function scan(words: { word: string; item: number }[], rules: SecretRules, depth: number): FoundSecret[] {
  const mysql = words.some((w) => MYSQL_CLIENTS.test(w.word));
  const out: FoundSecret[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = inWord(words[i].word, words[i + 1]?.word, mysql, rules);
    if (found) {
      const valueItem = found.usesNext ? words[i + 1].item : words[i].item;
      out.push({ label: found.label, kind: found.kind, value: found.value, introducer: found.introducer, item: words[i].item, valueItem });
      if (found.usesNext) i++;
    } else if (depth < MAX_NESTING && /\s/.test(words[i].word)) {
      const inner = shellWords(words[i].word).map((word) => ({ word, item: words[i].item }));
      out.push(...scan(inner, rules, depth + 1));
    }
  }
  return out;
}

/** Where compose runs command lines: a service's `command`, `entrypoint` and `healthcheck.test`. */
export const COMMAND_FIELDS: { path: string[]; label: string }[] = [
  { path: ["command"], label: "command" },
  { path: ["entrypoint"], label: "entrypoint" },
  { path: ["healthcheck", "test"], label: "healthcheck.test" },
];

/** The exec list of a command as written: one string (shell form) or each item of a list. */
export function commandItems(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.map((v) => (v === null || v === undefined ? "" : String(v)));
  return [];
}
