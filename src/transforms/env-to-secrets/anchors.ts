/**
 * The blast radius of an edit: which services see text that an anchor shares. An edit may go
 * through an anchor only when every service it reaches is one the edit is meant for — never
 * silently into a service that merely shares the anchor.
 */
import type { ComposeDocument, Path } from "../../document/compose-document.js";

export interface BlastRadius {
  /** Services whose data the edit changes. */
  services: Set<string>;
  /** Anchors crossed (empty for an unshared edit). */
  anchors: string[];
  /** Alias users outside `services:` (e.g. inside an `x-` block merged elsewhere). */
  unknownUsers: string[];
}

/** The service a dot-joined alias path (`services.web.environment.<<`) belongs to. */
function serviceOfUser(user: string, services: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const s of services) {
    const prefix = `services.${s}`;
    if ((user === prefix || user.startsWith(`${prefix}.`)) && (!best || s.length > best.length)) best = s;
  }
  return best;
}

/**
 * The service whose block holds `line`, or undefined for text outside `services:` (an `x-`
 * block). Blocks are delimited by the lines of the service keys and of the top-level keys.
 */
export function serviceAtLine(doc: ComposeDocument, line: number): string | undefined {
  const starts = doc
    .services()
    .map((s) => ({ s, line: doc.locate(["services", s])?.line ?? -1 }))
    .filter((x) => x.line >= 0)
    .sort((a, b) => a.line - b.line);
  const servicesLine = doc.locate(["services"])?.line ?? 0;
  const topLines = doc
    .keys([])
    .map((k) => doc.locate([k])?.line ?? -1)
    .filter((l) => l > servicesLine);
  const end = topLines.reduce((min, l) => Math.min(min, l), Number.POSITIVE_INFINITY);
  if (line >= end) return undefined;
  let found: string | undefined;
  for (const start of starts) if (start.line <= line) found = start.s;
  return found;
}

/**
 * Who an edit at `path` reaches: the alias users of every anchor it passes through, and the
 * service that writes the anchor itself (`where` is a path inside the anchored text, used to
 * find it).
 */
export function blastRadius(doc: ComposeDocument, path: Path, where: Path = path): BlastRadius {
  const out: BlastRadius = { services: new Set(), anchors: [], unknownUsers: [] };
  const uses = doc.sharedAt(path);
  if (uses.length === 0) return out;
  const services = doc.services();
  for (const use of uses) {
    out.anchors.push(use.anchor);
    for (const user of use.users) {
      const s = serviceOfUser(user, services);
      if (s) out.services.add(s);
      else out.unknownUsers.push(user);
    }
  }
  const line = doc.locate(where)?.line;
  const definer = line === undefined ? undefined : serviceAtLine(doc, line);
  if (definer) out.services.add(definer);
  return out;
}

/** Why an edit may not go through an anchor, or undefined when it may (it reaches only `allowed`). */
export function anchorConflict(radius: BlastRadius, allowed: ReadonlySet<string>): string | undefined {
  if (radius.anchors.length === 0) return undefined;
  const anchors = radius.anchors.map((a) => `&${a}`).join(", ");
  if (radius.unknownUsers.length > 0) {
    return `it is written under anchor ${anchors}, which is also used at ${radius.unknownUsers.join(", ")}; compose-gate cannot tell which services that reaches`;
  }
  const outside = [...radius.services].filter((s) => !allowed.has(s));
  if (outside.length > 0) {
    return `it is written under anchor ${anchors}, which also reaches ${outside.map((s) => `services.${s}`).join(", ")}; changing it there would change ${outside.length === 1 ? "that service" : "those services"} too`;
  }
  return undefined;
}
