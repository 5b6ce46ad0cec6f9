/**
 * Which stacks a command works on. Each positional path is its own stack (a directory or glob
 * becomes one stack per compose file found); `-f a.yml -f b.yml` is one multi-file project, in
 * docker compose's order. With neither, the config's `files` are used; failing that, the
 * compose files in the working directory are listed and the user is asked to name one:
 * compose-gate never guesses which file is production.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../io/paths.js";
import { isWithin, realOrSelf } from "../io/project-root.js";
import type { LoadedConfig } from "../config/load.js";
import type { StackEntry } from "../config/schema.js";
import type { CompanionRole } from "../project/project.js";
import { CliError } from "./errors.js";
import type { ProjectScope } from "./project-scope.js";
import { COMPOSE_FILE_PATTERNS, expandGlob, findComposeFiles, isGlob } from "./discover.js";

export interface StackSpec {
  /** Absolute paths, in `-f` order. */
  files: string[];
  /** Absolute paths of the files that may be edited; undefined = the project default (the last). */
  edit?: string[];
  /** Companion stacks (absolute paths of existing files), by role: deployed on their own, finished by transforms. */
  companions?: Partial<Record<CompanionRole, string>>;
}

export interface StackRequest {
  cwd: string;
  positionals: string[];
  /** `-f` files, one project. */
  files: string[];
  /** `--edit` files (must be among `files`). */
  edit: string[];
  config: LoadedConfig;
  /** Compose files must resolve inside its root unless it allows otherwise. */
  scope: ProjectScope;
}

export interface StackResolution {
  stacks: StackSpec[];
  /** Inputs that named nothing usable; each message names the input. */
  errors: string[];
}

export function resolveStacks(request: StackRequest): StackResolution {
  const { cwd, positionals, files, edit, config } = request;
  if (edit.length > 0 && files.length === 0) throw new CliError("--edit names files of a -f project; give the project's files with -f");
  const stacks: StackSpec[] = [];
  const errors: string[] = [];
  if (files.length > 0) stacks.push(projectStack(files.map((f) => path.resolve(cwd, f)), edit.map((f) => path.resolve(cwd, f)), cwd));
  for (const input of positionals) collect(expandInput(input, cwd, cwd), stacks, errors);
  if (files.length === 0 && positionals.length === 0) {
    if (!config.config.files) throw nothingNamed(cwd);
    for (const entry of config.config.files) collect(expandEntry(entry, config.dir, cwd), stacks, errors);
  }
  const inside = request.scope.allowOutside ? stacks : stacks.filter((stack) => insideProject(stack, request, errors));
  return { stacks: dedupe(inside), errors };
}

/**
 * A stack whose files all resolve (links followed) inside the project root; otherwise false,
 * with a message per file outside: reading it could print a file of the machine (a link to
 * /etc/shadow in a pull request) into a public CI log.
 */
function insideProject(stack: StackSpec, request: StackRequest, errors: string[]): boolean {
  const { root } = request.scope;
  const outside = [...stack.files, ...Object.values(stack.companions ?? {})].filter((file) => !isWithin(root, realOrSelf(file)));
  for (const file of outside) {
    const real = realOrSelf(file);
    const link = real === file ? "" : ` (it links to ${real})`;
    errors.push(`${displayPath(file, request.cwd)}: is outside the project (${root})${link}; not read. Pass --allow-outside to use it`);
  }
  return outside.length === 0;
}

function collect(result: StackSpec[] | string, stacks: StackSpec[], errors: string[]): void {
  if (typeof result === "string") errors.push(result);
  else stacks.push(...result);
}

function projectStack(files: string[], edit: string[], cwd: string): StackSpec {
  const real = files.map(realOrSelf);
  const twice = files.find((_, i) => real.indexOf(real[i]) !== i);
  if (twice) {
    const first = files[real.indexOf(realOrSelf(twice))];
    const same = first === twice ? "" : ` (${displayPath(first, cwd)} is the same file)`;
    throw new CliError(`-f ${displayPath(twice, cwd)}: given twice in one project${same}; name each file once`);
  }
  for (const e of edit) {
    if (!files.includes(e)) {
      throw new CliError(`--edit ${displayPath(e, cwd)}: not one of the -f files (${files.map((f) => displayPath(f, cwd)).join(", ")})`);
    }
  }
  return edit.length > 0 ? { files, edit } : { files };
}

/** One stack per compose file the input names, or a message saying why it names none. */
function expandInput(input: string, base: string, cwd: string): StackSpec[] | string {
  const absolute = path.resolve(base, input);
  if (existsSync(absolute)) {
    if (!statSync(absolute).isDirectory()) return [{ files: [absolute] }];
    const found = findComposeFiles(absolute);
    if (found.length === 0) {
      return `${displayPath(absolute, cwd)}: no compose files in this directory (looked for ${COMPOSE_FILE_PATTERNS.join(", ")}, outside node_modules and dot-folders)`;
    }
    return found.map((file) => ({ files: [file] }));
  }
  if (isGlob(input)) {
    const found = expandGlob(input, base);
    return found.length > 0 ? found.map((file) => ({ files: [file] })) : `${input}: no files match this pattern`;
  }
  return `${input}: no such file or directory`;
}

function expandEntry(entry: StackEntry, configDir: string, cwd: string): StackSpec[] | string {
  if (typeof entry === "string") return expandInput(entry, configDir, cwd);
  const files = entry.files.map((f) => path.resolve(configDir, f));
  const missing = files.find((f) => !existsSync(f));
  if (missing) return `${displayPath(missing, cwd)}: no such file (listed in the config's files)`;
  return [projectStack(files, (entry.edit ?? []).map((f) => path.resolve(configDir, f)), cwd)];
}

function nothingNamed(cwd: string): CliError {
  const found = findComposeFiles(cwd).map((f) => displayPath(f, cwd));
  const hint = "Name the production file(s) explicitly, or list them under `files` in compose-gate.config.*";
  if (found.length === 0) {
    return new CliError(`no compose file given, and none found under ${cwd}.\n${hint}.`);
  }
  const shown = found.slice(0, 20).map((f) => `  ${f}`);
  if (found.length > shown.length) shown.push(`  … and ${found.length - shown.length} more`);
  return new CliError(
    `no compose file given. compose-gate does not guess which file is production; found:\n${shown.join("\n")}\n${hint}, e.g.\n  compose-gate transform ${found[0]}`,
  );
}

/** Drops a stack that names the same files as an earlier one (a file given twice). */
function dedupe(stacks: StackSpec[]): StackSpec[] {
  const seen = new Set<string>();
  return stacks.filter((stack) => {
    const key = stack.files.map(realOrSelf).join("\u0000") + "\u0001" + (stack.edit ?? []).map(realOrSelf).join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
