/**
 * The entrypoint shim env-to-secrets writes, as other code must read it: a service wrapped in
 * one still gets the variables the shim exports, so whoever asks "what environment does this
 * service run with" (a transform wiring a backup job, a check asking whether it is wired) must
 * count them. The shim names where each value came from in a comment, `# was <value>`, with
 * every `$` doubled so that compose leaves it as text (src/transforms/env-to-secrets/shim-script.ts
 * writes it).
 *
 *   entrypoint: [/bin/sh, -c, "set -e\n…\nNAME=\"$$name\" # was $${NAME}\nexport NAME\nexec \"$$@\"", secrets-shim]
 */

/** `$0` of the shim, so `ps` and error messages say what runs. */
export const SHIM_NAME = "secrets-shim";
export const SHIM_SHELL = "/bin/sh";
/** What the comment says for a value that was written in the file (never the value itself). */
export const WRITTEN_IN_FILE = "a value written in the file";

/** The script of a service entrypoint that is a compose-gate shim, else undefined. */
export function ownShimScript(entrypoint: unknown): string | undefined {
  if (!Array.isArray(entrypoint) || entrypoint.length !== 4) return undefined;
  const [shell, flag, script, name] = entrypoint;
  if (shell !== SHIM_SHELL || flag !== "-c" || name !== SHIM_NAME || typeof script !== "string") return undefined;
  const lines = script.split("\n");
  return lines[0] === "set -e" && /^exec .*"\$\$@"$/.test(lines[lines.length - 1]) ? script : undefined;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*?)(?: # was (.*))?$/;
const EXPORT = /^export ([A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*)$/;

/**
 * The variables a shim exports, each with the value it was before the shim took it over (as
 * compose text), or the shell text that builds it when the comment does not say. The last
 * assignment of a name wins, as in the shell.
 */
export function shimExports(entrypoint: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const script = ownShimScript(entrypoint);
  if (script === undefined) return out;
  const values = new Map<string, string>();
  const exported = new Set<string>();
  for (const line of script.split("\n")) {
    const e = EXPORT.exec(line);
    if (e) for (const name of e[1].split(" ")) exported.add(name);
    const m = ASSIGNMENT.exec(line);
    if (!m) continue;
    const was = m[3] !== undefined && m[3] !== WRITTEN_IN_FILE ? m[3].replace(/\$\$/g, "$") : undefined;
    values.set(m[1], was ?? m[2]);
  }
  for (const [name, value] of values) if (exported.has(name)) out.set(name, value);
  return out;
}
