/**
 * The text of the entrypoint shim env-to-secrets writes for an image that reads no `*_FILE`
 * variable but has `/bin/sh`: read each secret from its file, export the variables the image
 * reads, then `exec` what the image would have run. Pure text, in compose's syntax: every `$`
 * the shell must see is written `$$` (compose interpolates the whole file, entrypoint included),
 * and text copied from the environment keeps its own `${VAR}` references, which compose fills in
 * at deploy time exactly as it did in `environment:`.
 *
 * ```sh
 * set -e
 * postgres_password="$$(cat /run/secrets/postgres_password)"
 * DATABASE_URL="$$(printf '%s%s%s' 'postgres://app:' "$$postgres_password" '@db:5432/app')" # was …
 * export DATABASE_URL
 * exec "$$@"
 * ```
 * (each export also says, in a comment, what the value was: src/secrets/shim-format.ts reads it)
 *
 * Each secret is read by an assignment of its own, so `set -e` stops the container when a file
 * is missing instead of starting the service with an empty value (an `export` of a command
 * substitution always succeeds); the variables are assigned first and exported after. Values are assembled with `printf '%s…'` from single-quoted
 * text and double-quoted variables: no character of a value (`%`, `\`, `"`, `$`) is ever read as
 * syntax, and every assignment the shell sees starts with `$(`, so nothing in the command line
 * looks like a secret written in the file.
 */

import { SHIM_NAME, SHIM_SHELL, WRITTEN_IN_FILE } from "../../secrets/shim-format.js";

/** A piece of a variable's value: text as written in the compose file, or a secret's content. */
export type ValuePart = { kind: "text"; raw: string } | { kind: "secret"; secret: string };

export interface ShimExport {
  /** The variable the image reads. */
  name: string;
  parts: ValuePart[];
  /** Its value before the shim took it over (compose text), or undefined when that held a literal secret. */
  was?: string;
}


/** Compose text as one shell word in single quotes: `'` closed, escaped and reopened. */
function singleQuoted(raw: string): string {
  return `'${raw.replace(/'/g, `'\\''`)}'`;
}

/** A word written in compose text (an entrypoint word) as one shell word. */
export function composeWord(raw: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(raw) ? raw : singleQuoted(raw);
}

/** The shell variable a secret is read into: its name, made an identifier, kept apart from `taken`. */
export function shellVariable(secret: string, taken: ReadonlySet<string>): string {
  const base = secret.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=[0-9])/, "_");
  return taken.has(base) ? `secret_${base}` : base;
}

export interface ShimScript {
  exports: readonly ShimExport[];
  /** Where each secret is mounted in the container. */
  mounts: ReadonlyMap<string, string>;
  /** The image's entrypoint (or the service's own), as compose text, run before the command: `exec <these> "$@"`. */
  execWords: readonly string[];
  /** Names the shell variables must not take (the service's environment). */
  reserved: ReadonlySet<string>;
}

/** The secrets the exports read, each once, in the order first used. */
function secretsOf(exports: readonly ShimExport[]): string[] {
  return [...new Set(exports.flatMap((e) => e.parts.flatMap((p) => (p.kind === "secret" ? [p.secret] : []))))];
}

/** `NAME=<value> # was <old value>`; exported by the `export` line after the assignments. */
function assignment(e: ShimExport, vars: ReadonlyMap<string, string>): string {
  const word = (p: ValuePart) => (p.kind === "text" ? singleQuoted(p.raw) : `"$$${vars.get(p.secret)}"`);
  // Every `$` doubled: compose must keep the old value as text, never fill it in.
  const was = ` # was ${e.was === undefined ? WRITTEN_IN_FILE : e.was.replace(/\$/g, "$$$$")}`;
  if (e.parts.length === 1 && e.parts[0].kind === "secret") return `${e.name}=${word(e.parts[0])}${was}`;
  return `${e.name}="$$(printf '${"%s".repeat(e.parts.length)}' ${e.parts.map(word).join(" ")})"${was}`;
}

/** The lines that read the secrets and export the variables (no `set -e`, no `exec`). */
export function shimBody(script: Omit<ShimScript, "execWords">): string[] {
  const vars = new Map<string, string>();
  const taken = new Set(script.reserved);
  for (const secret of secretsOf(script.exports)) {
    const name = shellVariable(secret, taken);
    taken.add(name);
    vars.set(secret, name);
  }
  const reads = [...vars].map(([secret, name]) => `${name}="$$(cat ${script.mounts.get(secret)})"`);
  // Assigned, then exported: `export X="$(…)"` would hide a failure from `set -e` (shellcheck SC2155).
  return [...reads, ...script.exports.map((e) => assignment(e, vars)), `export ${script.exports.map((e) => e.name).join(" ")}`];
}

export function execLine(execWords: readonly string[]): string {
  return `exec ${[...execWords.map(composeWord), '"$$@"'].join(" ")}`;
}

/** The whole script, as compose text. */
export function renderShim(script: ShimScript): string {
  return ["set -e", ...shimBody(script), execLine(script.execWords)].join("\n");
}

/**
 * `script` (a shim of ours, as compose text) with `more` lines added before its `exec`; lines
 * it already has (the read of a secret it reads already) are not repeated.
 */
export function extendShim(script: string, more: readonly string[]): string {
  const lines = script.split("\n");
  const exec = lines.pop()!;
  const have = new Set(lines);
  return [...lines, ...more.filter((l) => !have.has(l)), exec].join("\n");
}

/** The entrypoint list of a shim, as compose text. */
export function shimEntrypoint(script: string): string[] {
  return [SHIM_SHELL, "-c", script, SHIM_NAME];
}
