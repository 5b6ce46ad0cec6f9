/**
 * A document as plain data (aliases and merge keys resolved), converted one top-level entry
 * and one service at a time and kept until an edit reaches it. Transforms and checks read the
 * same services over and over; converting each once, instead of once per read, is what keeps
 * a large file linear. Which entries an edit reached comes from the document's edit log, the
 * same log the pipeline's safety net holds complete (a deliberate edit of an anchor logs every
 * alias user too). Values handed out are frozen: they are shared between readers.
 */
import { isMap, isScalar, type Alias, type Document, type Node, type YAMLMap } from "yaml";
import { aliasChain, isMergePair, keyString, resolvePath, type Key, type Path } from "./resolve.js";

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
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

export class PlainData {
  readonly #doc: Document;
  /** Per top-level key: its entries (`services` → each service), converted one by one. */
  readonly #entries = new Map<string, Map<string, unknown>>();
  /** Top-level values that cannot be assembled entry by entry, converted whole. */
  readonly #whole = new Map<string, unknown>();

  constructor(doc: Document) {
    this.#doc = doc;
  }

  /** Drop what edits at `paths` may have changed. */
  forget(paths: readonly (readonly Key[])[]): void {
    for (const path of paths) {
      if (path.length === 0) {
        this.#entries.clear();
        this.#whole.clear();
        continue;
      }
      const top = String(path[0]);
      this.#whole.delete(top);
      if (path.length === 1) this.#entries.delete(top);
      else for (const key of entryKeys(path[1])) this.#entries.get(top)?.delete(key);
    }
  }

  /** The whole document. The top two levels are fresh objects; what they hold is shared. */
  toJS(): Record<string, unknown> {
    const root = this.#doc.contents;
    if (!entryWise(root)) return deepFreeze(toPlain(root as Node, this.#doc)) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const pair of root.items) {
      const key = keyString(pair)!;
      define(out, key, this.#top(key));
    }
    return out;
  }

  /** The value at `path`, or undefined. */
  get(path: Path): unknown {
    if (path.length === 0) return this.toJS();
    if (path.length === 1) return this.#top(String(path[0]));
    return walk(this.#entry(String(path[0]), path[1]), path.slice(2));
  }

  /** A top-level value: a map assembled from its cached entries when it can be. */
  #top(key: string): unknown {
    const node = resolvePath(this.#doc, [key])?.node;
    if (!entryWise(node)) {
      if (!this.#whole.has(key)) this.#whole.set(key, this.#convert([key]));
      return this.#whole.get(key);
    }
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const name = keyString(pair)!;
      define(out, name, this.#entry(key, name));
    }
    return out;
  }

  #entry(top: string, key: Key): unknown {
    let entries = this.#entries.get(top);
    if (!entries) {
      entries = new Map();
      this.#entries.set(top, entries);
    }
    const id = entryKeys(key)[typeof key === "number" ? 1 : 0];
    if (!entries.has(id)) entries.set(id, this.#convert([top, key]));
    return entries.get(id);
  }

  /** `undefined` for a path that leads nowhere, `null` for `key:` with no value. */
  #convert(path: Path): unknown {
    const r = resolvePath(this.#doc, path);
    if (!r) return undefined;
    return deepFreeze(toPlain(r.node, this.#doc));
  }
}

/**
 * Cache ids for a second-level key: a map key and a sequence index are different lookups
 * (`resolvePath` follows a number into a sequence, a string only into a map), so both forms of
 * `1` are named, [as text, as index], and an edit at either forgets both.
 */
function entryKeys(key: Key): [string, string] {
  return [`k:${String(key)}`, `i:${String(key)}`];
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
