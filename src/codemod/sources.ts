/**
 * Which files the codemod reads: every TypeScript/JavaScript source under the `--src`
 * directories, files and globs. `node_modules` and `dist` are never read — other people's code
 * and build output are not the application's source — nor are declaration files, dot-folders or
 * symbolic links (so a link loop cannot make the search run forever).
 */
import { statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { SEARCH_OPTIONS } from "../io/glob.js";
import { displayPath } from "../io/paths.js";
import { SOURCE_EXTENSIONS } from "./names.js";

const EXCLUDED_DIRS = ["node_modules", "dist"];

const SEARCH: fg.Options = { ...SEARCH_OPTIONS, ignore: [...EXCLUDED_DIRS.map((d) => `**/${d}/**`), "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"] };

const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(",")}}`;

export interface SourceList {
  /** Absolute paths, sorted. */
  files: string[];
  /** Inputs that named nothing the codemod can read; each message names the input. */
  errors: string[];
}

export function isSourceFile(file: string): boolean {
  const ext = path.extname(file).slice(1);
  return (SOURCE_EXTENSIONS as readonly string[]).includes(ext) && !/\.d\.[mc]?ts$/.test(file);
}

export function findSources(inputs: readonly string[], cwd: string): SourceList {
  const found = new Set<string>();
  const errors: string[] = [];
  for (const input of inputs) {
    const result = expand(input, cwd);
    if (typeof result === "string") errors.push(`--src ${input}: ${result}`);
    else result.forEach((f) => found.add(f));
  }
  return { files: [...found].sort(), errors };
}

/** The sources one input names, or why it names none. */
function expand(input: string, cwd: string): string[] | string {
  if (fg.isDynamicPattern(input)) {
    const files = fg.sync(input, { ...SEARCH, cwd }).filter(isSourceFile);
    return files.length > 0 ? files : "matches no TypeScript or JavaScript source file";
  }
  const absolute = path.resolve(cwd, input);
  const excluded = excludedDir(absolute, cwd);
  if (excluded) return `is inside ${excluded}, which the codemod never changes`;
  const kind = statKind(absolute);
  if (kind === "missing") return "no such file or directory";
  if (kind === "file") return isSourceFile(absolute) ? [absolute] : `${displayPath(absolute, cwd)} is not a TypeScript or JavaScript source (${SOURCE_EXTENSIONS.join(", ")})`;
  const files = fg.sync(SOURCE_GLOB, { ...SEARCH, cwd: absolute });
  return files.length > 0 ? files : "holds no TypeScript or JavaScript source file (node_modules and dist are skipped)";
}

function statKind(file: string): "file" | "dir" | "missing" {
  try {
    return statSync(file).isDirectory() ? "dir" : "file";
  } catch {
    return "missing";
  }
}

/** The excluded folder an input lies in, judged below the working directory only. */
function excludedDir(absolute: string, cwd: string): string | undefined {
  const segments = path.relative(cwd, absolute).split(path.sep).filter((s) => s !== "..");
  return segments.find((s) => EXCLUDED_DIRS.includes(s));
}
