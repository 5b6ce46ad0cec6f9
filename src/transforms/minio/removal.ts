/**
 * Removing one MinIO service (server or init job) from the files that define it, or saying
 * precisely why not: a definition in a file compose-gate may not edit (with the override that
 * would neutralise it), a `depends_on`/`links` on it in such a file, or an anchor it defines
 * that other entries still use.
 */
import type { Location } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";
import type { Project } from "../../project/project.js";

export type Removal = { ok: true; location?: Location } | { ok: false; reason: string; location?: Location };

function lockedReference(project: Project, name: string): { file: string; service: string; location?: Location } | undefined {
  for (const doc of project.docs) {
    if (project.isEditable(doc)) continue;
    for (const service of doc.services()) {
      for (const key of ["depends_on", "links"]) {
        const value = doc.get(["services", service, key]);
        const names = Array.isArray(value) ? value.map((v) => String(v).split(":")[0]) : value && typeof value === "object" ? Object.keys(value) : [];
        if (names.includes(name)) return { file: doc.filename, service, location: doc.locate(["services", service, key]) };
      }
    }
  }
  return undefined;
}

function overrideAdvice(project: Project, name: string, definedIn: string): string {
  const editable = project.editableDocs.map((d) => d.filename);
  const where = editable.length ? editable[editable.length - 1] : "the production override";
  return (
    `${name} is defined in ${definedIn}, which compose-gate may not edit, and an override file cannot delete a service ` +
    `(docker stack deploy merges files; it has no way to remove one). Either scale it to zero in ${where} — ` +
    `services: {${name}: {deploy: {replicas: 0}}} — or move ${name} out of ${definedIn} into a file only dev uses`
  );
}

export function removeService(project: Project, name: string): Removal {
  const location = project.locate(["services", name]);
  const at = location ? { location } : {};
  const placement = project.placeDelete(["services", name]);
  if (!placement.ok) return { ok: false, reason: overrideAdvice(project, name, placement.definedIn.filename), ...at };
  const locked = lockedReference(project, name);
  if (locked) {
    return {
      ok: false,
      reason: `${locked.service} in ${locked.file} (which compose-gate may not edit) depends on ${name}; removing ${name} would leave that dependency dangling`,
      ...(locked.location ? { location: locked.location } : at),
    };
  }
  if (placement.docs.length === 1) {
    try {
      placement.docs[0].delete(["services", name]);
    } catch (error) {
      if (!(error instanceof EditError) || error.code !== "ANCHOR_IN_USE") throw error;
      return { ok: false, reason: `${name} defines anchor &${error.anchor}, still used by ${error.users.join(", ")}; move the shared part to an x- extension first`, ...at };
    }
    return { ok: true, ...at };
  }
  // Defined in several editable files: an anchor failure half-way is rolled back by the pipeline.
  for (const doc of placement.docs) doc.delete(["services", name]);
  return { ok: true, ...at };
}
