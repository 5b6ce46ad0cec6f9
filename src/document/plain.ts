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
  readonly #top = new Map<string, unknown>();
  readonly #services = new Map<string, unknown>();

  constructor(doc: Document) {
    this.#doc = doc;
  }

  /** Drop what edits at `paths` may have changed. */
  forget(paths: readonly (readonly Key[])[]): void {
    for (const path of paths) {
      if (path.length === 0) {
        this.#top.clear();
        this.#services.clear();
      } else if (path[0] !== "services") this.#top.delete(String(path[0]));
      else {
        // The services map as a whole is converted only when it cannot be done entry-wise.
        this.#top.delete("services");
        if (path.length === 1) this.#services.clear();
        else this.#services.delete(String(path[1]));
      }
    }
  }

  /** The whole document. The top two levels are fresh objects; what they hold is shared. */
  toJS(): Record<string, unknown> {
    const root = this.#doc.contents;
    if (!entryWise(root)) return deepFreeze(toPlain(root as Node, this.#doc)) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const pair of root.items) {
      const key = keyString(pair)!;
      define(out, key, key === "services" && entryWise(pair.value) ? this.#allServices(pair.value) : this.#entry(key));
    }
    return out;
  }

  /** The value at `path`, or undefined. */
  get(path: Path): unknown {
    if (path.length === 0) return this.toJS();
    if (path[0] === "services" && path.length === 1) {
      const services = resolvePath(this.#doc, path)?.node;
      if (entryWise(services)) return this.#allServices(services);
    }
    if (path[0] === "services" && path.length >= 2) return walk(this.#service(String(path[1])), path.slice(2));
    return walk(this.#entry(String(path[0])), path.slice(1));
  }

  #allServices(map: YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of map.items) {
      const name = keyString(pair)!;
      define(out, name, this.#service(name));
    }
    return out;
  }

  #entry(key: string): unknown {
    if (!this.#top.has(key)) this.#top.set(key, this.#convert([key]));
    return this.#top.get(key);
  }

  #service(name: string): unknown {
    if (!this.#services.has(name)) this.#services.set(name, this.#convert(["services", name]));
    return this.#services.get(name);
  }

  /** `undefined` for a path that leads nowhere, `null` for `key:` with no value. */
  #convert(path: Path): unknown {
    const r = resolvePath(this.#doc, path);
    if (!r) return undefined;
    return deepFreeze(toPlain(r.node, this.#doc));
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
