/**
 * Which stacks a search finds: the compose files of each folder weighed against each other by
 * their names (roles.ts). In each folder, at most one production stack: the file named for
 * production (on top of the folder's plain compose file when it cannot run alone, as in
 * Docker's `-f compose.yaml -f compose.production.yaml`), or the plain compose file when no file
 * of the whole search is named for production. The folder's observability file is that stack's
 * companion. Dev, local, preview, test, CI, staging and override files are left out, and so is
 * anything named neither way. Two production candidates in one folder are an error listing
 * both: compose-gate never guesses.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseCompose } from "../document/compose-document.js";
import { displayPath } from "../io/paths.js";
import { readTextFile } from "../io/read.js";
import type { CompanionRole } from "../project/project.js";
import { COMPOSE_FILE_NAME } from "./discover.js";
import { roleByName, type FileRole } from "./roles.js";

/** A file's role in this run, for the report printed before anything runs. */
export interface RoleLine {
  file: string;
  role: FileRole;
  /** Why, and what compose-gate does with it. */
  reason: string;
}

/** One production stack of a folder and the companion found next to it. */
export interface ElectedStack {
  /** `-f` order: the base first when the production file is an overlay. */
  files: string[];
  /** The file edited (the production file). */
  production: string;
  companions: Partial<Record<CompanionRole, string>>;
}

export interface Election {
  stacks: ElectedStack[];
  /** Observability files, each of which `check` checks on its own. */
  observability: string[];
  roles: RoleLine[];
  /** Folders whose production file cannot be told (each names the candidates). */
  errors: string[];
}

/** Weighs the files a search found; `cwd` only for how paths are shown. */
export function electStacks(files: readonly string[], cwd: string): Election {
  const named = files.map((file) => ({ file, ...roleByName(file) }));
  const namedProduction = named.filter((f) => f.role === "production").map((f) => f.file);
  const election: Election = { stacks: [], observability: [], roles: [], errors: [] };
  for (const folder of groupByFolder(named)) electInFolder(folder, namedProduction, election, cwd);
  return election;
}

/**
 * The companion of a file named on its own (a file, `-f` or the config): the one observability
 * file beside it, when `file` is a production file — named for production, or the file the
 * folder's roles make production (a lone plain compose file, an overlay). Naming a file settles
 * which production file is meant, even in a folder with several candidates.
 */
export function companionsFor(file: string, cwd: string): { companions: Partial<Record<CompanionRole, string>>; roles: RoleLine[] } {
  const folder = composeFilesIn(path.dirname(file));
  if (!folder.includes(file)) folder.push(file);
  const observability = folder.filter((f) => roleByName(f).role === "observability");
  if (observability.length !== 1 || observability[0] === file) return { companions: {}, roles: [] };
  const named = roleByName(file);
  const production = named.role === "production" || electStacks(folder, cwd).stacks.some((s) => s.production === file);
  if (!production) return { companions: {}, roles: [] };
  const companion = observability[0];
  const reason = `${roleByName(companion).reason}: companion of ${displayPath(file, cwd)}, finished with it, never on its own`;
  return { companions: { observability: companion }, roles: [{ file: companion, role: "observability", reason }] };
}

/** The compose files directly in `dir` (not below it), sorted. */
export function composeFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && COMPOSE_FILE_NAME.test(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

type Named = { file: string; role: FileRole; reason: string };

function groupByFolder(named: Named[]): Named[][] {
  const folders = new Map<string, Named[]>();
  for (const f of named) {
    const dir = path.dirname(f.file);
    folders.set(dir, [...(folders.get(dir) ?? []), f]);
  }
  return [...folders.values()];
}

function electInFolder(files: Named[], namedProduction: string[], election: Election, cwd: string): void {
  const show = (file: string) => displayPath(file, cwd);
  const of = (role: FileRole) => files.filter((f) => f.role === role);
  const line = (f: Named, role: FileRole, reason: string) => election.roles.push({ file: f.file, role, reason });
  const productions = of("production");
  const bases = of("base");
  const observability = of("observability");
  let stack: ElectedStack | undefined;

  if (productions.length > 1 || (productions.length === 0 && bases.length > 1 && namedProduction.length === 0)) {
    const candidates = productions.length > 1 ? productions : bases;
    election.errors.push(
      `${show(path.dirname(candidates[0].file))}: more than one production candidate: ${candidates.map((c) => show(c.file)).join(", ")}.\n` +
        "compose-gate does not guess: name the production file (`compose-gate transform <file>`), or list it under `files` in compose-gate.config.yaml",
    );
    for (const c of candidates) line(c, "other", `${c.reason}: one of several production candidates, so not used`);
  } else if (productions.length === 1) {
    const production = productions[0];
    const base = bases.length === 1 && isOverlay(production.file) ? bases[0] : undefined;
    stack = { files: base ? [base.file, production.file] : [production.file], production: production.file, companions: {} };
    line(production, "production", `${production.reason}: the preset runs on it`);
    if (base) line(base, "base", `the base ${show(production.file)} is applied on (some of its services have no image): read, not edited`);
    for (const b of bases) if (b !== base) line(b, "other", `not production: ${show(production.file)} is named for production`);
  } else if (bases.length === 1 && namedProduction.length === 0) {
    stack = { files: [bases[0].file], production: bases[0].file, companions: {} };
    line(bases[0], "production", "the only plain compose file, and no file is named for production: the preset runs on it");
  } else {
    const elsewhere = namedProduction[0];
    for (const b of bases) line(b, "other", `not production: ${show(elsewhere)} is named for production`);
  }

  if (stack && observability.length === 1) stack.companions.observability = observability[0].file;
  for (const o of observability) {
    election.observability.push(o.file);
    const reason = stack?.companions.observability === o.file
      ? `${o.reason}: companion of ${show(stack.production)}, finished with it, never on its own`
      : observability.length > 1
        ? `${o.reason}: one of several observability files here, so none is a companion`
        : `${o.reason}: no production stack next to it to finish it with`;
    line(o, "observability", reason);
  }
  for (const f of of("not-production")) line(f, "not-production", `${f.reason}: not production, left alone unless named`);
  for (const f of of("other")) line(f, "other", `${f.reason}: left alone unless named`);
  for (const f of of("config")) line(f, "config", f.reason);
  if (stack) election.stacks.push(stack);
}

/**
 * Whether a production file is an overlay: one of its services names neither an image nor a
 * build, so it cannot be deployed alone (docker stack deploy needs an image per service). A
 * file that cannot be read counts as standalone; loading it later reports why.
 */
function isOverlay(file: string): boolean {
  try {
    const doc = parseCompose(readTextFile(file, file).text, { filename: file });
    return doc.services().some((name) => !doc.has(["services", name, "image"]) && !doc.has(["services", name, "build"]));
  } catch {
    return false;
  }
}
