/**
 * A service's environment as the stack runs it (variables merge across files, the last file
 * wins), each variable with the file and path where its effective value is written — the
 * place a finding about it must point at, whichever form (`KEY: v` or `- KEY=v`) the file uses.
 */
import type { ComposeDocument, Path } from "../../document/compose-document.js";
import { listToMap } from "../../project/merge.js";
import type { Project } from "../../project/project.js";
import { shimExports } from "../../secrets/shim-format.js";

export interface EnvVar {
  name: string;
  /** The value as Docker reads it; null for a bare `KEY` (passed through from the deploying shell). */
  value: string | null;
  doc: ComposeDocument;
  path: Path;
}

export function environmentOf(project: Project, service: string): EnvVar[] {
  const merged = listToMap(project.service(service)?.environment);
  const byName = new Map<string, EnvVar>();
  for (const doc of project.docs) {
    for (const entry of entriesIn(doc, service)) byName.set(entry.name, { ...entry, doc });
  }
  // A variable a later file removed (`!reset`) is not in the merged model and does not run.
  return [...byName.values()].filter((v) => Object.hasOwn(merged, v.name));
}

/**
 * The entries one file writes for a service, both forms, duplicates resolved the way Docker
 * does (the last wins). Read from plain data: `doc.env()` also works out anchor sharing for
 * every entry, which checks do not need and which costs seconds on large files.
 */
function entriesIn(doc: ComposeDocument, service: string): Omit<EnvVar, "doc">[] {
  const base = ["services", service, "environment"];
  const env = doc.get(base);
  if (Array.isArray(env)) {
    return env.flatMap((item, index) => {
      if (typeof item !== "string") return [];
      const eq = item.indexOf("=");
      const [name, value] = eq < 0 ? [item.trim(), null] : [item.slice(0, eq), item.slice(eq + 1)];
      return [{ name, value, path: [...base, index] }];
    });
  }
  if (env === null || typeof env !== "object") return [];
  return Object.entries(env as Record<string, unknown>).map(([name, value]) => ({
    name,
    value: value === null || value === undefined ? null : String(value),
    path: [...base, name],
  }));
}

/**
 * Name → value of a service's merged environment (values as text, bare `KEY` as null), with the
 * variables an entrypoint shim of env-to-secrets exports (src/secrets/shim-format.ts): the
 * service runs with them, though `docker inspect` does not show them.
 */
export function environmentMap(project: Project, service: string): Map<string, string | null> {
  const def = project.service(service);
  const out = new Map<string, string | null>(shimExports(def?.entrypoint));
  for (const [name, value] of Object.entries(listToMap(def?.environment))) {
    out.set(name, value === null || value === undefined ? null : String(value));
  }
  return out;
}
