/**
 * Finding the node at a path the way Docker reads it: through aliases (`environment: *env`)
 * and merge keys (`<<: *defaults`, `<<: [*a, *b]`), with explicit keys winning over merged ones
 * and earlier merge sources winning over later ones. Every alias crossed is recorded, so an
 * edit can tell whether it would land in text that other services share.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { walkNodes } from "./walk.js";

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
 * `Alias#resolve` walks the whole document on every call, which makes every read through an
 * alias cost as much as the file. Instead each document's aliases are resolved in one walk
 * (yaml's rule: the last node with that anchor before the alias, in document order) and the
 * answers kept across edits: an edit inserts text without anchors or aliases, so it can only
 * change an answer when it removes or replaces a node that holds one (see `ComposeDocument`),
 * and only then are they worked out again.
 */
const resolutions = new WeakMap<Document, Resolutions>();

interface Resolutions {
  targets: Map<Alias, Node | undefined>;
  /** Nodes at least one alias resolves to. */
  aliased: Set<Node>;
}

export function forgetResolutions(doc: Document): void {
  resolutions.delete(doc);
}

function resolutionsOf(doc: Document): Resolutions {
  let known = resolutions.get(doc);
  if (!known) {
    known = resolveAll(doc);
    resolutions.set(doc, known);
  }
  return known;
}

export function resolveAlias(doc: Document, alias: Alias): Node | undefined {
  const { targets } = resolutionsOf(doc);
  return targets.has(alias) ? targets.get(alias) : (alias.resolve(doc) as Node | undefined);
}

/** Whether some alias in the document resolves to `node`. */
export function isAliased(doc: Document, node: unknown): boolean {
  return resolutionsOf(doc).aliased.has(node as Node);
}

function resolveAll(doc: Document): Resolutions {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  const aliased = new Set<Node>();
  walkNodes(doc.contents, (node) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (target) aliased.add(target);
    } else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
  });
  return { targets, aliased };
}

/** Whether a node holds an anchor or an alias anywhere inside (itself included). */
export function holdsAnchorsOrAliases(node: unknown): boolean {
  return walkNodes(node, (n) => isAlias(n) || (isNode(n) && Boolean(n.anchor)));
}

/**
 * The alias and anchor nodes yaml must see to convert `node` to plain data, in an order that
 * resolves each alias the way the whole document does: each alias right after its target.
 * Given to yaml as the conversion's `aliasResolveCache`, this spares it a walk of the whole
 * document for every alias, so converting a node costs what the node (and what it uses) holds.
 */
export function aliasChain(doc: Document, node: Node): Node[] {
  const chain: Node[] = [];
  // Most files have no aliases at all.
  if (resolutionsOf(doc).targets.size === 0) return chain;
  const seen = new Set<Node>();
  const pending: Node[] = [node];
  while (pending.length > 0) {
    walkNodes(pending.pop()!, (alias) => {
      if (!isAlias(alias)) return;
      const target = resolveAlias(doc, alias);
      if (!target) return;
      chain.push(target, alias);
      if (!seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    });
  }
  return chain;
}

/**
 * Own keys of each map, and its merge pairs, indexed on first lookup: the services map of a
 * large file has thousands of entries and every read passes through it. The document layer
 * keeps the index current when it adds a key (`keyAdded`, so that adding thousands of entries
 * to `secrets:` does not rebuild it each time) and drops it when it removes or renames one
 * (`keysChanged`).
 */
interface KeyIndex {
  pairs: Map<string, Pair>;
  merges: Pair[];
}

const keyIndexes = new WeakMap<YAMLMap, KeyIndex>();

export function keysChanged(map: YAMLMap): void {
  keyIndexes.delete(map);
}

/** `pair` was added to `map` (after its other entries with the same key, if any). */
export function keyAdded(map: YAMLMap, pair: Pair): void {
  const index = keyIndexes.get(map);
  if (!index) return;
  if (isMergePair(pair)) {
    keyIndexes.delete(map);
    return;
  }
  const k = keyString(pair);
  if (k !== undefined && !index.pairs.has(k)) index.pairs.set(k, pair);
}

function indexOf(map: YAMLMap): KeyIndex {
  let index = keyIndexes.get(map);
  if (!index) {
    index = { pairs: new Map(), merges: [] };
    for (const pair of map.items) {
      if (isMergePair(pair)) {
        index.merges.push(pair);
        continue;
      }
      const k = keyString(pair);
      if (k !== undefined && !index.pairs.has(k)) index.pairs.set(k, pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

/** The entry of `map` whose own key is `key` (merge keys not followed). */
export function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return indexOf(map).pairs.get(key);
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
  for (const pair of indexOf(map).merges) {
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
  const own = ownPair(map, key);
  if (own) return { pair: own, owner: map, crossings };
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
