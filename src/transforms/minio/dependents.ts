/**
 * Removing the `depends_on` and `links` entries that name removed services, in list and map
 * form, dropping a key the removal empties. A `depends_on` shared through an anchor is edited
 * in the anchor on purpose: a dependency on a service that no longer exists is invalid for
 * every service that reads it, so each reader needs the same edit.
 */
import type { ComposeDocument, Location } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";

export interface DependentEdit {
  service: string;
  key: "depends_on" | "links";
  removed: string[];
  location?: Location;
  anchor?: string;
  /** Why nothing was removed, when the edit was refused. */
  refused?: string;
}

const linkTarget = (v: unknown) => String(v).split(":")[0];

interface Naming {
  names: string[];
  /** How many entries the collection holds in all. */
  count: number;
  form: "seq" | "map";
}

function entriesNaming(doc: ComposeDocument, service: string, key: DependentEdit["key"], removed: readonly string[]): Naming | undefined {
  const path = ["services", service, key];
  const kind = doc.kind(path);
  if (kind === "map") {
    const keys = doc.keys(path);
    const names = keys.filter((k) => removed.includes(k));
    return names.length ? { names, count: keys.length, form: "map" } : undefined;
  }
  if (kind === "seq") {
    const items = (doc.get(path) as unknown[]) ?? [];
    const names = items.map(key === "links" ? linkTarget : String).filter((n) => removed.includes(n));
    return names.length ? { names, count: items.length, form: "seq" } : undefined;
  }
  return undefined;
}

/** Remove the entries of `services.<service>.<key>` that name a removed service. */
export function dropDependents(doc: ComposeDocument, service: string, key: DependentEdit["key"], removed: readonly string[]): DependentEdit | undefined {
  const found = entriesNaming(doc, service, key, removed);
  if (!found) return undefined;
  const path = ["services", service, key];
  const anchor = doc.sharedAt(path)[0]?.anchor;
  const location = doc.locate(path);
  const edit: DependentEdit = { service, key, removed: found.names, ...(location ? { location } : {}), ...(anchor ? { anchor } : {}) };
  // Emptying a shared collection would drop its anchor with it and leave its aliases dangling.
  const empties = found.names.length === found.count;
  if (anchor && empties) return { ...edit, refused: `${key} is shared through anchor &${anchor} and would become empty; remove it by hand` };
  try {
    const options = { shared: "anchor" as const, prune: true };
    if (found.form === "map") for (const name of found.names) doc.delete([...path, name], options);
    else doc.removeWhere(path, (v) => removed.includes(key === "links" ? linkTarget(v) : String(v)), options);
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    return { ...edit, refused: error.message };
  }
  return edit;
}
