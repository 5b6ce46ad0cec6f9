/**
 * The `.env` beside a stack, as docker compose would read it for interpolation: only the names
 * it defines are needed (swarm/dotenv compares them with the stack's `${VAR}`s), so values are
 * never kept — a `.env` file usually holds secrets.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../io/paths.js";

/** `NAME=…` and `export NAME=…` lines (compose-go dotenv syntax); comments and blank lines skipped. */
export function dotenvNames(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names];
}

/** The `.env` in `dir`, when it is a regular file of reasonable size; undefined otherwise. */
export function readDotenv(dir: string, cwd: string): { file: string; variables: string[] } | undefined {
  const file = path.join(dir, ".env");
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
    return { file: displayPath(file, cwd), variables: dotenvNames(readFileSync(file, "utf8")) };
  } catch {
    return undefined;
  }
}
