/**
 * Finding the node at a path the way Docker reads it: through aliases (`environment: *env`)
 * and merge keys (`<<: *defaults`, `<<: [*a, *b]`), with explicit keys winning over merged ones
 * and earlier merge sources winning over later ones. Every alias crossed is recorded, so an
 * edit can tell whether it would land in text that other services share.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";

export type Key = string | number;
export type Path = readonly Key[];

export interface Crossing {
  alias: Alias;
  anchor: string;
  /** The alias was a merge source (`<<: *x`) rather than a whole value (`key: *x`). */
  merge: boolean;
  /** Index in the path of the key whose lookup crossed this alias. */
  step: number;
}

export interface Resolved {
  /** The value at the path (aliases already followed); `null` node for `key:` with no value. */
  node: Node | null;
  /** The collection that holds the value (after following aliases). */
  parent: YAMLMap | YAMLSeq | null;
  /** The pair holding the value when the parent is a map. */
  pair?: Pair;
  /** The index when the parent is a sequence. */
  index?: number;
  /** Every collection visited from the root to the parent, with the pair that led into it. */
  trail: { node: YAMLMap | YAMLSeq; pair?: Pair }[];
  crossings: Crossing[];
}

export function isMergePair(pair: Pair): boolean {
  // With `merge: true`, only a plain `<<` key becomes the merge symbol; a quoted "<<" stays a string.
  return isScalar(pair.key) && typeof pair.key.value === "symbol";
}

export function keyString(pair: Pair): string | undefined {
  const key = pair.key as unknown;
  if (isScalar(key)) return key.value === null ? "" : String(key.value);
  if (typeof key === "string" || typeof key === "number") return String(key);
  return undefined;
}

/**
 * `Alias#resolve` walks the whole document on every call, and finding a key in a map means
 * scanning its entries, so each document keeps the answers until its next edit (see
 * `ComposeDocument`); lookups on large files (thousands of services) stay linear overall.
 */
const resolutions = new WeakMap<Document, Map<Alias, unknown>>();
const keyIndexes = new WeakMap<Document, WeakMap<YAMLMap, KeyIndex>>();

interface KeyIndex {
  /** The first own entry of each key. */
  own: Map<string, Pair>;
  /** The `<<` entries, in order. */
  merges: Pair[];
}

export function forgetResolutions(doc: Document): void {
  resolutions.delete(doc);
  keyIndexes.delete(doc);
}

/** Alias targets found while parsing (one pass in document order), so none is looked up again. */
export function rememberResolutions(doc: Document, targets: Map<Alias, unknown>): void {
  resolutions.set(doc, new Map(targets));
}

function keyIndex(doc: Document, map: YAMLMap): KeyIndex {
  let perDoc = keyIndexes.get(doc);
  if (!perDoc) keyIndexes.set(doc, (perDoc = new WeakMap()));
  let index = perDoc.get(map);
  if (!index) {
    index = { own: new Map(), merges: [] };
    for (const pair of map.items) {
      if (isMergePair(pair)) index.merges.push(pair);
      else {
        const k = keyString(pair);
        if (k !== undefined && !index.own.has(k)) index.own.set(k, pair);
      }
    }
    perDoc.set(map, index);
  }
  return index;
}

export function resolveAlias(doc: Document, alias: Alias): unknown {
  let cache = resolutions.get(doc);
  if (!cache) {
    cache = new Map();
    resolutions.set(doc, cache);
  }
  if (!cache.has(alias)) cache.set(alias, alias.resolve(doc));
  return cache.get(alias);
}

function follow(doc: Document, node: unknown, crossings: Crossing[], step: number, merge: boolean): unknown {
  let current = node;
  let guard = 0;
  while (isAlias(current) && guard++ < 64) {
    crossings.push({ alias: current, anchor: current.source, merge, step });
    current = resolveAlias(doc, current);
  }
  return current;
}

/** Merge sources of a map, in precedence order. */
function mergeSources(doc: Document, map: YAMLMap, crossings: Crossing[], step: number): { map: YAMLMap; crossings: Crossing[] }[] {
  const out: { map: YAMLMap; crossings: Crossing[] }[] = [];
  for (const pair of keyIndex(doc, map).merges) {
    const values = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const value of values) {
      const local: Crossing[] = [...crossings];
      const target = follow(doc, value, local, step, true);
      if (isMap(target)) out.push({ map: target, crossings: local });
    }
  }
  return out;
}

/** Look a key up in a map, then in its merge sources (depth first, in order). */
export function findPair(
  doc: Document,
  map: YAMLMap,
  key: string,
  crossings: Crossing[],
  step: number,
  depth = 0,
): { pair: Pair; owner: YAMLMap; crossings: Crossing[] } | undefined {
  const pair = keyIndex(doc, map).own.get(key);
  if (pair) return { pair, owner: map, crossings };
  if (depth > 32) return undefined;
  for (const source of mergeSources(doc, map, crossings, step)) {
    const found = findPair(doc, source.map, key, source.crossings, step, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Keys of a map as Docker sees them: own keys first, then merged keys not overridden. */
export function mapKeys(doc: Document, map: YAMLMap, depth = 0): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const pair of map.items) {
    if (isMergePair(pair)) continue;
    const k = keyString(pair);
    if (k !== undefined && !seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }
  if (depth > 32) return keys;
  for (const source of mergeSources(doc, map, [], 0)) {
    for (const k of mapKeys(doc, source.map, depth + 1)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  return keys;
}

export function resolvePath(doc: Document, path: Path): Resolved | undefined {
  const crossings: Crossing[] = [];
  const trail: Resolved["trail"] = [];
  let current = follow(doc, doc.contents, crossings, 0, false);
  let parent: YAMLMap | YAMLSeq | null = null;
  let pair: Pair | undefined;
  let index: number | undefined;
  let leadPair: Pair | undefined;
  if (path.length === 0) {
    return { node: (current as Node) ?? null, parent: null, trail, crossings };
  }
  for (let step = 0; step < path.length; step++) {
    const key = path[step];
    if (isMap(current)) {
      trail.push({ node: current, pair: leadPair });
      const found = findPair(doc, current, String(key), crossings, step);
      if (!found) return undefined;
      crossings.splice(0, crossings.length, ...found.crossings);
      parent = found.owner;
      pair = found.pair;
      index = undefined;
      leadPair = found.pair;
      current = follow(doc, found.pair.value, crossings, step, false);
    } else if (isSeq(current) && typeof key === "number") {
      trail.push({ node: current, pair: leadPair });
      if (key < 0 || key >= current.items.length) return undefined;
      parent = current;
      pair = undefined;
      index = key;
      leadPair = undefined;
      current = follow(doc, current.items[key], crossings, step, false);
    } else {
      return undefined;
    }
  }
  return { node: (current as Node) ?? null, parent, pair, index, trail, crossings };
}

/** Every alias in the document with the path where it is written. */
export function listAliases(doc: Document): { alias: Alias; path: string }[] {
  const out: { alias: Alias; path: string }[] = [];
  visit(doc, {
    Alias(_key, node, ancestors) {
      out.push({ alias: node, path: describeAncestors([...ancestors, node]) });
    },
  });
  return out;
}

/** Paths of the nodes that define an anchor (an anchor name may be defined more than once). */
export function anchorPaths(doc: Document, anchor: string): string[] {
  const out: string[] = [];
  visit(doc, {
    Node(_key, node, ancestors) {
      if ((node as { anchor?: string }).anchor === anchor) out.push(describeAncestors([...ancestors, node]));
    },
  });
  return out;
}

function describeAncestors(ancestors: readonly unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ancestors.length; i++) {
    const a = ancestors[i];
    if (isPair(a)) {
      const k = keyString(a);
      if (k !== undefined) parts.push(isMergePair(a) ? "<<" : k);
    } else if (isSeq(a)) {
      const next = ancestors[i + 1];
      const idx = next === undefined ? -1 : a.items.indexOf(next as never);
      if (idx >= 0) parts.push(String(idx));
    }
  }
  return parts.join(".");
}
