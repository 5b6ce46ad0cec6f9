/**
 * A document as plain data (aliases and merge keys resolved), converted one top-level entry
 * and one service at a time and kept until an edit reaches it. Transforms and checks read the
 * same services over and over; converting each once, instead of once per read, is what keeps
 * a large file linear. Which entries an edit reached comes from the document's edit log, the
 * same log the pipeline's safety net holds complete (a deliberate edit of an anchor logs every
 * alias user too). Values handed out are frozen: they are shared between readers.
 */
import { isAlias, isMap, isScalar, type Alias, type Document, type Node, type YAMLMap } from "yaml";
import { aliasChain, isMergePair, keyString, resolveAlias, resolvePath, type Key, type Path } from "./resolve.js";

/** The conversion context yaml's `toJSON` methods take (the type is not exported by name). */
type ToJSContext = NonNullable<Parameters<Alias["toJSON"]>[1]>;

/**
 * What `node.toJS(doc, { maxAliasCount: -1 })` builds, with the aliases it needs handed over
 * (see `aliasChain`) instead of yaml walking the whole document for each one.
 */
export function toPlain(node: Node | null, doc: Document): unknown {
  if (!node) return node;
  if (isScalar(node)) return node.value;
  const ctx: ToJSContext = {
    anchors: new Map(),
    aliasResolveCache: aliasChain(doc, node),
    doc,
    keep: true,
    mapAsMap: false,
    mapKeyWarned: false,
    maxAliasCount: -1,
  };
  return (node as { toJSON: (arg: string, ctx: ToJSContext) => unknown }).toJSON("", ctx);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A map whose entries can be converted one by one: no merge keys, every key a scalar. */
function entryWise(node: unknown): node is YAMLMap {
  return isMap(node) && node.items.every((p) => !isMergePair(p) && (p.key === null || isScalar(p.key)));
}

/** Sets `key` the way yaml's conversion does (an own property even for `__proto__`). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * How deep values are cached: top-level keys, their entries (each service) and the entries of
 * those (each service's `environment`, `secrets`, …). An edit of one service's environment
 * then re-converts that environment, not the whole service.
 */
const CACHED_LEVELS = 3;

/** The cache at one path. */
interface Slot {
  /** The value, when it is converted whole (a scalar, a list, a map with merge keys, or the deepest level). */
  whole?: { value: unknown };
  /** Whether the map at this path is assembled entry by entry from `children`. */
  assembled?: boolean;
  children?: Map<Key, Slot>;
}

export class PlainData {
  readonly #doc: Document;
  #root: Slot = {};

  constructor(doc: Document) {
    this.#doc = doc;
  }

  /** Drop what edits at `paths` may have changed: every cached value on each path, and everything under its end. */
  forget(paths: readonly (readonly Key[])[]): void {
    for (const path of paths) {
      if (path.length === 0) this.#root = {};
      else forgetIn(this.#root, path, 0);
    }
  }

  /** The whole document. The top-level maps are fresh objects; what they hold is shared and frozen. */
  toJS(): Record<string, unknown> {
    return this.#read([], this.#root) as Record<string, unknown>;
  }

  /** The value at `path`, or undefined. */
  get(path: Path): unknown {
    if (path.length === 0) return this.toJS();
    // Down the cached levels as long as each map is assembled entry by entry; below, walk plain data.
    const last = Math.min(path.length, CACHED_LEVELS);
    let slot = childSlot(this.#root, path[0], 0);
    let depth = 1;
    while (depth < last && this.#isAssembled(path, depth, slot)) slot = childSlot(slot, path[depth], depth++);
    return walk(this.#read(path.slice(0, depth), slot), path.slice(depth));
  }

  /**
   * The value at `path` (at most `CACHED_LEVELS` long, its slot given), from the cache or
   * converted now; `node` when the caller already holds the node there.
   */
  #read(path: Path, slot: Slot, node?: { value: Node | null }): unknown {
    if (slot.whole) return slot.whole.value;
    if (this.#isAssembled(path, path.length, slot, node)) {
      const map = (node?.value ?? resolvePath(this.#doc, path)!.node) as YAMLMap;
      const out: Record<string, unknown> = {};
      for (const pair of map.items) {
        // An assembled map has no merge keys: each entry's value is the pair's, through its aliases.
        const name = keyString(pair)!;
        const value = { value: followAliases(this.#doc, pair.value as Node | null) };
        define(out, name, this.#read([...path, name], childSlot(slot, name, path.length), value));
      }
      // The root and the top-level maps are fresh objects for each reader, as `toJS` promises;
      // below, a map is kept (frozen, like every converted value) until an edit on its path forgets it.
      if (path.length > 1) slot.whole = { value: Object.freeze(out) };
      return out;
    }
    const target = node ? node.value : resolvePath(this.#doc, path)?.node;
    // `undefined` for a path that leads nowhere, `null` for `key:` with no value.
    slot.whole = { value: target === undefined ? undefined : deepFreeze(toPlain(target, this.#doc)) };
    return slot.whole.value;
  }

  /** Whether the map at the first `depth` keys of `path` is assembled from its entries (worked out once per slot). */
  #isAssembled(path: Path, depth: number, slot: Slot, node?: { value: Node | null }): boolean {
    if (slot.assembled !== undefined) return slot.assembled;
    if (depth >= CACHED_LEVELS) return (slot.assembled = false);
    const target = node ? node.value : resolvePath(this.#doc, path.slice(0, depth))?.node;
    const answer = entryWise(target);
    // Kept for a map only: a path that holds no map yet becomes one when an edit below it
    // creates it, and such an edit does not forget the answer here (see `forgetIn`).
    if (isMap(target)) slot.assembled = answer;
    return answer;
  }
}

/**
 * The slot for `key` under `slot`, created when missing. A top-level key is always text; below,
 * a map key and a sequence index are different lookups (`resolvePath` follows a number into a
 * sequence, a string only into a map), so `"1"` and `1` have slots of their own.
 */
function childSlot(slot: Slot, key: Key, depth: number): Slot {
  slot.children ??= new Map();
  const id = depth === 0 ? String(key) : key;
  let child = slot.children.get(id);
  if (!child) {
    child = {};
    slot.children.set(id, child);
  }
  return child;
}

function followAliases(doc: Document, node: Node | null): Node | null {
  let current: Node | null | undefined = node;
  for (let guard = 0; isAlias(current) && guard < 64; guard++) current = resolveAlias(doc, current);
  return current ?? null;
}

/**
 * Clears the values on `path` from `depth` down, and drops the slots where it ends or the cache
 * does. Whether a map is assembled entry by entry depends on its keys only, which an edit at
 * `path` changes in the map it ends in, and then only by adding or removing a merge key: every
 * other map on the path keeps its answer (working it out again reads all its entries, which on
 * the services map of a large stack would make each edit cost the whole file).
 */
function forgetIn(slot: Slot, path: readonly Key[], depth: number): void {
  slot.whole = undefined;
  if (depth >= path.length - 1 && String(path[depth]) === "<<") slot.assembled = undefined;
  if (!slot.children) return;
  const last = depth + 1 >= Math.min(path.length, CACHED_LEVELS);
  const key = path[depth];
  // An edit at either form of a key (`"1"`, `1`) forgets both.
  for (const id of depth === 0 ? [String(key)] : [key, typeof key === "number" ? String(key) : Number(key)]) {
    const child = slot.children.get(id);
    if (!child) continue;
    if (last) slot.children.delete(id);
    else forgetIn(child, path, depth + 1);
  }
}

/** Follows `rest` into plain data the way `resolvePath` follows it into the document. */
function walk(value: unknown, rest: Path): unknown {
  let current = value;
  for (const key of rest) {
    if (Array.isArray(current)) {
      if (typeof key !== "number") return undefined;
      current = current[key];
    } else if (typeof current === "object" && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, String(key))) return undefined;
      current = (current as Record<string, unknown>)[String(key)];
    } else {
      return undefined;
    }
  }
  return current;
}
