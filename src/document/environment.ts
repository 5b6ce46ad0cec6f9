/**
 * A service's `environment`, read and edited the same way whichever form the file uses:
 *
 *     environment:            environment:
 *       KEY: value              - KEY=value
 *       BARE:                   - BARE
 *
 * Each helper keeps the form, position and quoting of the entry it touches. Map-form entries
 * that come in through a merge key (`<<: *common-env`) are reported with the anchor they come
 * from, and edits to them follow the caller's `shared` policy.
 */
import type { Path } from "./resolve.js";
import type { DeleteOptions, EditOptions } from "./types.js";

/**
 * What these helpers ask of a document. `ComposeDocument` provides it and passes itself in;
 * naming the methods here rather than importing the class keeps this file independent of the
 * class file, which imports these helpers for its `env`, `setEnv`… methods.
 */
export interface EnvDocument {
  kind(path: Path): "map" | "seq" | "scalar" | "null" | undefined;
  keys(path: Path): string[];
  get(path: Path): unknown;
  anchorsAt(path: Path): string[];
  set(path: Path, value: unknown, options?: EditOptions): boolean;
  append(path: Path, value: unknown, options?: EditOptions): boolean;
  delete(path: Path, options?: DeleteOptions): boolean;
  renameKey(path: Path, newKey: string, options?: EditOptions): boolean;
}

export interface EnvEntry {
  name: string;
  /** The value as Docker reads it (numbers and booleans as text); `null` for a bare `KEY`. */
  value: string | null;
  form: "map" | "list";
  /** Where the entry lives: `[..., "environment", KEY]` (map) or `[..., "environment", index]` (list). */
  path: Path;
  /** Set when the entry is written under an anchor that other entries share. */
  sharedVia?: string;
}

const envPath = (service: string): Path => ["services", service, "environment"];

function listEntry(raw: unknown): { name: string; value: string | null } | undefined {
  if (typeof raw !== "string") return undefined;
  const eq = raw.indexOf("=");
  return eq < 0 ? { name: raw.trim(), value: null } : { name: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** Name and value of each entry of an `environment` value given as plain data, in either form. */
export function plainEnvEntries(env: unknown): { name: string; value: string | null }[] {
  if (Array.isArray(env)) return env.flatMap((raw) => listEntry(raw) ?? []);
  if (typeof env !== "object" || env === null) return [];
  return Object.entries(env).map(([name, value]) => ({ name, value: asText(value) }));
}

/**
 * Docker reads every environment value as text, so `PORT: 8080` and `PORT: "8080"` mean the
 * same. When the old value was written as a number or boolean and the new one reads the same
 * way, write it plain too instead of adding quotes to the diff.
 */
function typedLike(old: unknown, value: string | null): string | number | boolean | null {
  if (value === null) return null;
  if (typeof old === "number" && String(Number(value)) === value) return Number(value);
  if (typeof old === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Every environment entry of a service, in file order (merged keys after own keys). */
export function listEnv(doc: EnvDocument, service: string): EnvEntry[] {
  const base = envPath(service);
  const kind = doc.kind(base);
  if (kind === "map") {
    return doc.keys(base).map((name) => {
      const path = [...base, name];
      const shared = doc.anchorsAt(path);
      return {
        name,
        value: asText(doc.get(path)),
        form: "map" as const,
        path,
        ...(shared.length > 0 ? { sharedVia: shared[0] } : {}),
      };
    });
  }
  if (kind === "seq") {
    const items = doc.get(base) as unknown[];
    const out: EnvEntry[] = [];
    items.forEach((raw, index) => {
      const entry = listEntry(raw);
      if (!entry) return;
      const path = [...base, index];
      const shared = doc.anchorsAt(path);
      out.push({ ...entry, form: "list", path, ...(shared.length > 0 ? { sharedVia: shared[0] } : {}) });
    });
    return out;
  }
  return [];
}

export function getEnv(doc: EnvDocument, service: string, name: string): EnvEntry | undefined {
  // Docker keeps the last of duplicate list entries.
  return listEnv(doc, service)
    .filter((e) => e.name === name)
    .pop();
}

/** The form new environment blocks should take: whatever most services in the file use. */
function preferredForm(doc: EnvDocument): "map" | "list" {
  let map = 0;
  let list = 0;
  for (const service of doc.keys(["services"])) {
    const kind = doc.kind(envPath(service));
    if (kind === "map") map++;
    else if (kind === "seq") list++;
  }
  return list > map ? "list" : "map";
}

/** Set `name` to `value` (null writes a bare `KEY`). Returns false when it already had that value. */
export function setEnv(
  doc: EnvDocument,
  service: string,
  name: string,
  value: string | null,
  options: EditOptions = {},
): boolean {
  const existing = getEnv(doc, service, name);
  if (existing) {
    if (existing.value === value) return false;
    if (existing.form === "map") return doc.set(existing.path, typedLike(doc.get(existing.path), value), options);
    return doc.set(existing.path, value === null ? name : `${name}=${value}`, options);
  }
  const base = envPath(service);
  const kind = doc.kind(base);
  if (kind === "seq") return doc.append(base, value === null ? name : `${name}=${value}`, options);
  if (kind === "map") return doc.set([...base, name], value, options);
  if (kind === undefined || kind === "null") {
    if (preferredForm(doc) === "list") return doc.set(base, [value === null ? name : `${name}=${value}`], options);
    return doc.set(base, { [name]: value }, options);
  }
  return false;
}

/** Remove `name`; an environment block left empty is removed too. */
export function deleteEnv(doc: EnvDocument, service: string, name: string, options: EditOptions = {}): boolean {
  const entries = listEnv(doc, service).filter((e) => e.name === name);
  let changed = false;
  // Remove from the end so list indices stay valid.
  for (const entry of entries.reverse()) {
    changed = doc.delete(entry.path, { shared: options.shared, prune: true }) || changed;
  }
  return changed;
}

/**
 * Rename `from` to `to` in place, optionally with a new value, so the entry keeps its line.
 * When `from` is absent nothing happens; when `to` already exists, `from` is removed and `to`
 * is set instead.
 */
export function renameEnv(
  doc: EnvDocument,
  service: string,
  from: string,
  to: string,
  value?: string | null,
  options: EditOptions = {},
): boolean {
  const existing = getEnv(doc, service, from);
  if (!existing) return false;
  const newValue = value === undefined ? existing.value : value;
  if (getEnv(doc, service, to)) {
    const a = deleteEnv(doc, service, from, options);
    const b = setEnv(doc, service, to, newValue, options);
    return a || b;
  }
  if (existing.form === "map") {
    const renamed = doc.renameKey(existing.path, to, options);
    const set = doc.set([...existing.path.slice(0, -1), to], newValue, options);
    return renamed || set;
  }
  return doc.set(existing.path, newValue === null ? to : `${to}=${newValue}`, options);
}
