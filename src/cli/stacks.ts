/**
 * Which stacks a command works on. A file named on the command line is its own stack, used as
 * named; `-f a.yml -f b.yml` is one multi-file project, in docker compose's order. A directory or
 * a glob is a search: its compose files get roles from their names (folder-roles.ts), and only
 * production stacks are used. With no paths, the config's `files` are used, else the working
 * directory is searched. A stack's companion (the observability stack next to its production
 * file) is found the same way; each companion belongs to one stack of the run.
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
import { companionsFor, electStacks, type RoleLine } from "./folder-roles.js";
import { roleByName } from "./roles.js";

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
  /** `check` also checks observability stacks on their own; `transform` only finishes them with their production stack. */
  command: "transform" | "check";
  /** Compose files must resolve inside its root unless it allows otherwise. */
  scope: ProjectScope;
}

/** An observability stack of the run (absolute path), and whether a production stack of the run has it as companion. */
export interface ObservabilityFile {
  file: string;
  attached: boolean;
  /** Named on the command line or in the config (not found by a search). */
  named: boolean;
}

export interface StackResolution {
  stacks: StackSpec[];
  observability: ObservabilityFile[];
  /** Roles compose-gate gave files, and why; printed before anything runs. */
  roles: RoleLine[];
  /** Inputs that named nothing usable; each message names the input. */
  errors: string[];
}

type Expanded = { named: string } | { found: string[]; where: string } | { error: string };

export function resolveStacks(request: StackRequest): StackResolution {
  const { cwd, positionals, files, edit, config } = request;
  if (edit.length > 0 && files.length === 0) throw new CliError("--edit names files of a -f project; give the project's files with -f");
  const resolution: StackResolution = { stacks: [], observability: [], roles: [], errors: [] };
  const use = (expanded: Expanded | undefined) => {
    if (!expanded) return;
    if ("error" in expanded) resolution.errors.push(expanded.error);
    else if ("named" in expanded) addNamed(expanded.named, request, resolution);
    else addFound(expanded.found, expanded.where, request, resolution);
  };
  if (files.length > 0) {
    const project = files.map((f) => path.resolve(cwd, f));
    for (const file of project) assertNotConfig(file, config, cwd);
    addProject(projectStack(project, edit.map((f) => path.resolve(cwd, f)), cwd), resolution, cwd);
  }
  for (const input of positionals) use(expandInput(input, cwd, cwd));
  if (files.length === 0 && positionals.length === 0) {
    if (config.config.files) for (const entry of config.config.files) use(expandEntry(entry, config, cwd, resolution));
    else use(searchWorkingDirectory(cwd));
  }
  const claimed = claimCompanions(dedupe(resolution.stacks), resolution, cwd);
  const attached = new Set(claimed.flatMap((s) => Object.values(s.companions ?? {})).map(realOrSelf));
  for (const o of resolution.observability) o.attached = attached.has(realOrSelf(o.file));
  resolution.stacks = claimed.filter((stack) => insideProject(stack, request, resolution.errors));
  // Deduplicated first, so a file named twice is reported once; an attached file outside the
  // project was reported with its stack.
  resolution.observability = dedupeObservability(resolution.observability).filter((o) => insideProject({ files: [o.file] }, request, o.attached ? [] : resolution.errors));
  for (const o of resolution.observability) {
    if (o.named && !o.attached && request.command === "transform") resolution.errors.push(observabilityAlone(o.file, cwd));
  }
  return resolution;
}

/**
 * A stack whose files all resolve (links followed) inside the project root; otherwise false,
 * with a message per file outside: reading it could print a file of the machine (a link to
 * /etc/shadow in a pull request) into a public CI log.
 */
function insideProject(stack: StackSpec, request: StackRequest, errors: string[]): boolean {
  if (request.scope.allowOutside) return true;
  const { root } = request.scope;
  const outside = [...stack.files, ...Object.values(stack.companions ?? {})].filter((file) => !isWithin(root, realOrSelf(file)));
  for (const file of outside) {
    const real = realOrSelf(file);
    const link = real === file ? "" : ` (it links to ${real})`;
    errors.push(`${displayPath(file, request.cwd)}: is outside the project (${root})${link}; not read. Pass --allow-outside to use it`);
  }
  return outside.length === 0;
}

/** A file named on the command line or in the config: its own stack, as named. */
function addNamed(file: string, request: StackRequest, resolution: StackResolution): void {
  const { cwd, config } = request;
  assertNotConfig(file, config, cwd);
  const named = roleByName(file);
  if (named.role === "observability") {
    resolution.observability.push({ file, attached: false, named: true });
    return;
  }
  if (named.role === "not-production") {
    resolution.roles.push({ file, role: "not-production", reason: `${named.reason}, but named: the preset runs on it as on production` });
  }
  addProject({ files: [file] }, resolution, cwd);
}

/** A stack named as a whole (a file, `-f` files, a config entry) and the companion its production file has. */
function addProject(spec: StackSpec, resolution: StackResolution, cwd: string): void {
  if (!spec.companions) {
    for (const file of [...spec.files].reverse()) {
      const found = companionsFor(file, cwd);
      if (found.companions.observability) {
        spec = { ...spec, companions: found.companions };
        resolution.roles.push(...found.roles);
        break;
      }
    }
  }
  resolution.stacks.push(spec);
}

/** The files a directory or glob found, weighed by their names. */
function addFound(found: string[], where: string, request: StackRequest, resolution: StackResolution): void {
  const election = electStacks(found, request.cwd);
  resolution.roles.push(...election.roles);
  resolution.errors.push(...election.errors);
  for (const stack of election.stacks) {
    const hasCompanion = Object.keys(stack.companions).length > 0;
    resolution.stacks.push({ files: stack.files, ...(stack.files.length > 1 ? { edit: [stack.production] } : {}), ...(hasCompanion ? { companions: stack.companions } : {}) });
  }
  for (const file of election.observability) resolution.observability.push({ file, attached: false, named: false });
  const usable = election.stacks.length > 0 || (request.command === "check" && election.observability.length > 0);
  if (!usable && election.errors.length === 0) resolution.errors.push(noProduction(where, election.roles, request.cwd));
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

/** A file input is named; a directory or glob is searched. */
function expandInput(input: string, base: string, cwd: string): Expanded {
  const absolute = path.resolve(base, input);
  if (existsSync(absolute)) {
    if (!statSync(absolute).isDirectory()) return { named: absolute };
    const found = findComposeFiles(absolute);
    if (found.length === 0) {
      return { error: `${displayPath(absolute, cwd)}: no compose files in this directory (looked for ${COMPOSE_FILE_PATTERNS.join(", ")}, outside node_modules and dot-folders)` };
    }
    return { found, where: displayPath(absolute, cwd) };
  }
  if (isGlob(input)) {
    const found = expandGlob(input, base);
    return found.length > 0 ? { found, where: input } : { error: `${input}: no files match this pattern` };
  }
  return { error: `${input}: no such file or directory` };
}

/** A config entry: a string is an input like a positional one; a project is added here (undefined). */
function expandEntry(entry: StackEntry, config: LoadedConfig, cwd: string, resolution: StackResolution): Expanded | undefined {
  const configDir = config.dir;
  if (typeof entry === "string") return expandInput(entry, configDir, cwd);
  const files = entry.files.map((f) => path.resolve(configDir, f));
  const missing = files.find((f) => !existsSync(f));
  if (missing) return { error: `${displayPath(missing, cwd)}: no such file (listed in the config's files)` };
  for (const file of files) assertNotConfig(file, config, cwd);
  const spec = projectStack(files, (entry.edit ?? []).map((f) => path.resolve(configDir, f)), cwd);
  if (entry.observability) {
    const companion = path.resolve(configDir, entry.observability);
    if (!existsSync(companion)) return { error: `${displayPath(companion, cwd)}: no such file (the observability stack of a stack in the config's files)` };
    resolution.roles.push({ file: companion, role: "observability", reason: `companion of ${displayPath(files[files.length - 1], cwd)}, as the config's files say` });
    resolution.stacks.push({ ...spec, companions: { observability: companion } });
  } else {
    addProject(spec, resolution, cwd);
  }
  return undefined;
}

function searchWorkingDirectory(cwd: string): Expanded {
  const found = findComposeFiles(cwd);
  if (found.length === 0) {
    return {
      error: `no compose file given, and none found under ${cwd}.\nName the production file(s) explicitly, or list them under \`files\` in compose-gate.config.yaml.`,
    };
  }
  return { found, where: displayPath(cwd, cwd) };
}

/** compose-gate's config is never a stack: transforming it would add `services:` to it. */
function assertNotConfig(file: string, config: LoadedConfig, cwd: string): void {
  if (roleByName(file).role === "config" || (config.file !== null && realOrSelf(file) === realOrSelf(config.file))) {
    throw new CliError(
      `${displayPath(file, cwd)} is compose-gate's config file, not a compose file: it names the stacks under \`files\`. Name the compose files instead, or run without paths to use the config's files.`,
    );
  }
}

function noProduction(where: string, roles: RoleLine[], cwd: string): string {
  const found = roles.filter((r) => r.role !== "config").map((r) => `  ${displayPath(r.file, cwd)}: ${r.reason}`);
  const named = roles.find((r) => r.role === "other" || r.role === "base");
  const example = named ? `, e.g.\n  compose-gate transform ${displayPath(named.file, cwd)}` : "";
  return (
    `${where === "." ? "this folder" : where}: no production compose file (compose-gate tells production by name: *.prod*, *.production*, stack*.yml, or a plain compose.yaml / docker-compose.yml with no file named for production); found:\n` +
    `${found.join("\n")}\nName the production file explicitly, or list it under \`files\` in compose-gate.config.yaml${example}`
  );
}

function observabilityAlone(file: string, cwd: string): string {
  return (
    `${displayPath(file, cwd)} is an observability stack (its name says so): compose-gate finishes it together with the production stack it watches, ` +
    "and never runs the preset on it alone (that would add exporters and backups to it). Name the production file next to it, or list both in compose-gate.config.yaml: " +
    "`files: [{ files: [<production file>], observability: <this file> }]`. `compose-gate check` checks it on its own."
  );
}

/**
 * A companion belongs to one stack: two stacks editing one file would overwrite each other. The
 * first stack of the run keeps it; a later one runs without and says so.
 */
function claimCompanions(stacks: StackSpec[], resolution: StackResolution, cwd: string): StackSpec[] {
  const owner = new Map<string, StackSpec>();
  return stacks.map((stack) => {
    const companions = Object.entries(stack.companions ?? {}) as [CompanionRole, string][];
    if (companions.length === 0) return stack;
    const kept: Partial<Record<CompanionRole, string>> = {};
    for (const [role, file] of companions) {
      const first = owner.get(realOrSelf(file));
      if (!first) {
        owner.set(realOrSelf(file), stack);
        kept[role] = file;
      } else {
        resolution.roles.push({
          file,
          role,
          reason: `companion of ${displayPath(first.files[first.files.length - 1], cwd)} only: ${displayPath(stack.files[stack.files.length - 1], cwd)} runs without it`,
        });
      }
    }
    const { companions: _, ...rest } = stack;
    return Object.keys(kept).length > 0 ? { ...rest, companions: kept } : rest;
  });
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

function dedupeObservability(files: ObservabilityFile[]): ObservabilityFile[] {
  const byFile = new Map<string, ObservabilityFile>();
  for (const f of files) {
    const key = realOrSelf(f.file);
    const earlier = byFile.get(key);
    byFile.set(key, earlier ? { ...earlier, named: earlier.named || f.named } : f);
  }
  return [...byFile.values()];
}
