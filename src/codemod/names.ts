/**
 * The names the secrets codemod works with: the variables it rewrites (validated, because they
 * end up in generated code and in a regular expression) and the helper it routes reads through.
 */

/** The function every rewritten read calls. */
export const HELPER_FUNCTION = "readSecretEnv";

/** The helper module's file name without extension (`read-secret-env.ts`, `.js`, `.mjs`, `.cjs`). */
export const HELPER_BASENAME = "read-secret-env";

/** Extensions of the source files the codemod reads (declaration files are skipped). */
export const SOURCE_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"] as const;

/** Environment variable names a program can read as `process.env.NAME`. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The variables, deduplicated in the order given; throws a message naming a bad one. */
export function validateVariables(names: readonly string[]): string[] {
  const bad = names.find((n) => !VARIABLE_NAME.test(n));
  if (bad !== undefined) throw new Error(`"${bad}" is not an environment variable name (letters, digits and _, not starting with a digit)`);
  const fileVariable = names.find((n) => n.endsWith("_FILE"));
  if (fileVariable !== undefined) throw new Error(`${fileVariable} already names a file; give the variable itself (${fileVariable.slice(0, -"_FILE".length)})`);
  return [...new Set(names)];
}
