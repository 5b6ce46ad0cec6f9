/**
 * The text test every source file passes before it is parsed: parsing is what costs, and most
 * files of an application never mention the variables. A file is parsed when it names one of
 * them as a whole word next to an `env` (a read to rewrite, or a use of `process.env` as a
 * whole in a file that names one), or when it reads `process.env` with a computed key or
 * spreads it (those can read any variable, so they are reported wherever they are).
 */

export type Interest = "none" | "names" | "dynamic";

export function makePrefilter(variables: readonly string[]): (text: string) => Interest {
  const names = new RegExp(`\\b(?:${variables.join("|")})\\b`);
  // `process.env[` not followed by a quoted name and `]`, or `...process.env`.
  const dynamic = /process\.env\s*\[(?!\s*(["'`])[A-Za-z_][A-Za-z0-9_]*\1\s*\])|\.\.\.\s*process\.env\b/;
  return (text) => {
    if (!text.includes("env")) return "none";
    if (names.test(text)) return "names";
    return dynamic.test(text) ? "dynamic" : "none";
  };
}
