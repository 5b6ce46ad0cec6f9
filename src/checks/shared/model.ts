/**
 * Reading the stack for checks: services of the merged model (what `docker compose` and
 * `docker stack deploy` run), services of each file (what Swarm's loader validates file by
 * file), and list entries with the file each one is written in.
 */
import type { ComposeDocument, Key, Path } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";

export type Service = Record<string, unknown>;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every service of the merged model with its definition. */
export function mergedServices(project: Project): { name: string; def: Service }[] {
  return project.services().map((name) => ({ name, def: project.service(name) ?? {} }));
}

/** Every service each file writes, file by file in `-f` order. */
export function fileServices(project: Project): { doc: ComposeDocument; name: string }[] {
  return project.docs.flatMap((doc) => (doc.kind(["services"]) === "map" ? doc.services().map((name) => ({ doc, name })) : []));
}

export interface ListItem {
  doc: ComposeDocument;
  /** Where the item is written in `doc`. */
  path: Key[];
  value: unknown;
}

/**
 * The entries of the list at `path` as the merged stack has them, each with the file that
 * writes it. Lists such as `ports` and `volumes` add up across files; a later file that tags
 * the list `!reset` or `!override` drops what earlier files wrote.
 */
export function listItems(project: Project, path: Path): ListItem[] {
  let out: ListItem[] = [];
  const joined = path.join(".");
  for (const doc of project.docs) {
    if (taggedPaths(doc).has(joined)) out = [];
    const items = doc.get(path);
    if (!Array.isArray(items)) continue;
    items.forEach((value, index) => out.push({ doc, path: [...path, index], value }));
  }
  return out;
}

const tagCache = new WeakMap<ComposeDocument, { text: string; paths: Set<string> }>();

/** Dot-joined paths of the values a file tags `!reset` or `!override`, cached per file text. */
function taggedPaths(doc: ComposeDocument): Set<string> {
  const text = doc.toString();
  let cached = tagCache.get(doc);
  if (cached?.text !== text) {
    cached = { text, paths: new Set(doc.mergeTags().map((t) => t.path.join("."))) };
    tagCache.set(doc, cached);
  }
  return cached.paths;
}

export { commandItems } from "../../secrets/command-line.js";

/**
 * Every string value in a file with its path (map keys are not values: compose interpolates
 * values only); with `keep`, only the values it keeps (the others get no path array built).
 */
export function stringValues(doc: ComposeDocument, keep?: (value: string) => boolean): { path: Key[]; value: string }[] {
  const out: { path: Key[]; value: string }[] = [];
  const path: Key[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") {
      if (!keep || keep(value)) out.push({ path: [...path], value });
      return;
    }
    const entries: [Key, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : isObject(value) ? Object.entries(value) : [];
    for (const [key, v] of entries) {
      path.push(key);
      walk(v);
      path.pop();
    }
  };
  walk(doc.toJS());
  return out;
}
