/**
 * Setting or removing one environment variable of one service, in the right file and with a
 * deliberate answer to anchors:
 *
 * - the file: the last file that writes the variable when compose-gate may edit it, else an
 *   override in the last editable file (a removal cannot be an override, so it is refused);
 * - an anchor: edited in place only when every service that reads the anchored entry is
 *   getting the same new value; otherwise overridden locally when the entry came in through
 *   `<<:`, otherwise refused with the anchor named.
 */
import type { ComposeDocument, Location } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";
import type { Project } from "../../project/project.js";

export type EnvOutcome =
  | { kind: "unchanged" }
  | { kind: "changed"; file: string; location?: Location; anchor?: string; sharedWith?: string[]; override: boolean }
  | { kind: "refused"; reason: string; location?: Location; cause: "locked" | "anchor" | "placement" };

/** The value a service is about to get for a variable, or undefined when it is not being changed the same way. */
export type Agreement = (service: string) => string | null | undefined;

export function editEnv(project: Project, service: string, variable: string, next: string | null, agree: Agreement): EnvOutcome {
  const definers = project.docs.filter((d) => d.getEnv(service, variable));
  if (next === null) return removeEnv(project, definers, service, variable, agree);
  const last = definers[definers.length - 1];
  if (last && last.getEnv(service, variable)!.value === next) return { kind: "unchanged" };
  const doc = placeFor(project, service, last);
  if (typeof doc === "string") return { kind: "refused", reason: doc, location: last?.locate(last.getEnv(service, variable)!.path), cause: "placement" };
  return setIn(doc, service, variable, next, agree, last !== undefined && doc !== last);
}

function placeFor(project: Project, service: string, lastDefiner: ComposeDocument | undefined): ComposeDocument | string {
  if (lastDefiner && project.isEditable(lastDefiner)) return lastDefiner;
  const editable = project.editableDocs;
  const target = [...editable].reverse().find((d) => d.has(["services", service])) ?? editable[editable.length - 1];
  if (!target) return "no file of this project may be edited";
  if (lastDefiner && project.docs.indexOf(lastDefiner) > project.docs.indexOf(target)) {
    return `${lastDefiner.filename} is merged after ${target.filename} and would override the change`;
  }
  return target;
}

function setIn(doc: ComposeDocument, service: string, variable: string, next: string, agree: Agreement, override: boolean): EnvOutcome {
  const entry = doc.getEnv(service, variable);
  const location = entry ? doc.locate(entry.path) : undefined;
  const shared = entry?.sharedVia ? sharingPolicy(doc, variable, entry.sharedVia, next, agree) : undefined;
  try {
    const changed = doc.setEnv(service, variable, next, { shared: shared?.policy ?? "refuse" });
    if (!changed) return { kind: "unchanged" };
    const viaAnchor = shared?.policy === "anchor" ? { anchor: entry!.sharedVia, sharedWith: shared.readers } : {};
    return { kind: "changed", file: doc.filename, location: location ?? doc.locate(doc.getEnv(service, variable)!.path), override, ...viaAnchor };
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    return { kind: "refused", reason: anchorReason(entry?.sharedVia, error, shared?.readers ?? []), location, cause: "anchor" };
  }
}

function removeEnv(project: Project, definers: ComposeDocument[], service: string, variable: string, agree: Agreement): EnvOutcome {
  if (definers.length === 0) return { kind: "unchanged" };
  const locked = definers.find((d) => !project.isEditable(d));
  if (locked) {
    const entry = locked.getEnv(service, variable)!;
    return {
      kind: "refused",
      reason: `it is set in ${locked.filename}, which compose-gate may not edit (an override cannot remove a variable)`,
      location: locked.locate(entry.path),
      cause: "locked",
    };
  }
  let outcome: EnvOutcome = { kind: "unchanged" };
  for (const doc of definers) {
    const entry = doc.getEnv(service, variable)!;
    const location = doc.locate(entry.path);
    const shared = entry.sharedVia ? sharingPolicy(doc, variable, entry.sharedVia, null, agree) : undefined;
    if (shared && shared.policy !== "anchor") {
      return { kind: "refused", reason: anchorReason(entry.sharedVia, undefined, shared.readers), location, cause: "anchor" };
    }
    try {
      if (doc.deleteEnv(service, variable, { shared: shared?.policy })) {
        outcome = { kind: "changed", file: doc.filename, location, override: false, ...(shared ? { anchor: entry.sharedVia, sharedWith: shared.readers } : {}) };
      }
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      return { kind: "refused", reason: anchorReason(entry.sharedVia, error, shared?.readers ?? []), location, cause: "anchor" };
    }
  }
  return outcome;
}

/** Every service of the file that reads this variable from the same anchored entry. */
function readersOf(doc: ComposeDocument, variable: string, anchor: string): string[] {
  return doc.services().filter((s) => doc.getEnv(s, variable)?.sharedVia === anchor);
}

function sharingPolicy(doc: ComposeDocument, variable: string, anchor: string, next: string | null, agree: Agreement) {
  const readers = readersOf(doc, variable, anchor);
  const allAgree = readers.every((s) => agree(s) === next);
  return { policy: allAgree ? ("anchor" as const) : ("local" as const), readers };
}

function anchorReason(anchor: string | undefined, error: EditError | undefined, readers: string[]): string {
  const name = error?.anchor ?? anchor ?? "?";
  const others = readers.length > 0 ? readers.join(", ") : (error?.users ?? []).join(", ");
  return (
    `it is shared through anchor &${name} (read by ${others || "other entries"}), and not every reader ` +
    "is being switched the same way; override it in the service or split the anchor"
  );
}
