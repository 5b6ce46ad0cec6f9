/**
 * Granting a secret to a service (its `secrets:` list) and declaring it at the top level —
 * planned before any edit, so that a conversion either happens whole or not at all. New list
 * entries follow the style already there: short (`- name`) unless the service, or failing
 * that the file, writes long entries (`- source: name`).
 */
import path from "node:path";
import type { ComposeDocument, Path } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import { grantPath, mountPath, secretGrants, versionedName } from "../../secrets/naming.js";
import { anchorConflict, blastRadius } from "./anchors.js";

export type GrantPlan =
  /** The service already mounts the secret, at `mount`. */
  | { kind: "present"; mount: string }
  | { kind: "edit"; mount: string; apply: () => void }
  | { kind: "refuse"; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Long syntax when the list (or, for a new list, the file) already uses it. */
function usesLongSyntax(doc: ComposeDocument, service: string): boolean {
  const own = doc.get(["services", service, "secrets"]);
  if (Array.isArray(own) && own.length > 0) return own.every(isObject);
  const counts = listStyles(doc);
  return counts.long > counts.short;
}

/**
 * Long and short entries of every service's secrets list, counted once per file and then kept
 * in step with the file's edit log: asking after each grant must not cost a pass over every
 * service (which made converting a large file quadratic). The log names every path whose data
 * an edit changed (the pipeline's safety net holds it to that), so a list no logged path
 * reaches is still as counted.
 */
interface ListStyles {
  long: number;
  short: number;
  perService: Map<string, { long: number; short: number }>;
  /** `editCount` of the document when the counts were last brought up to date. */
  seen: number;
}

const styles = new WeakMap<ComposeDocument, ListStyles>();

function listStyles(doc: ComposeDocument): ListStyles {
  let counts = styles.get(doc);
  if (!counts) {
    counts = { long: 0, short: 0, perService: new Map(), seen: doc.editCount };
    for (const s of doc.services()) recount(doc, counts, s);
    styles.set(doc, counts);
    return counts;
  }
  const edited = doc.editedPaths(counts.seen);
  counts.seen = doc.editCount;
  for (const path of edited) {
    if (path[0] !== "services") continue;
    if (path.length < 2) {
      styles.delete(doc);
      return listStyles(doc);
    }
    if (path.length === 2 || path[2] === "secrets") recount(doc, counts, String(path[1]));
  }
  return counts;
}

function recount(doc: ComposeDocument, counts: ListStyles, service: string): void {
  const old = counts.perService.get(service);
  if (old) {
    counts.long -= old.long;
    counts.short -= old.short;
  }
  const list = doc.get(["services", service, "secrets"]);
  const own = { long: 0, short: 0 };
  if (Array.isArray(list)) for (const item of list) isObject(item) ? own.long++ : own.short++;
  counts.perService.set(service, own);
  counts.long += own.long;
  counts.short += own.short;
}

/** The in-service path of a secret the service already mounts (the merged view of all files). */
export function existingMount(project: Project, service: string, secret: string): string | undefined {
  const grant = secretGrants(project.service(service)).find((g) => g.source === secret);
  return grant ? grantPath(grant.target) : undefined;
}

/**
 * How `secret` gets into `service` (in `doc`): already there, an append to its list, or a new
 * list after `environment:`. An edit through an anchor is allowed only when every service the
 * anchor reaches is in `allowed` (they all get the secret, and all need it).
 */
export function planGrant(project: Project, doc: ComposeDocument, service: string, secret: string, allowed: ReadonlySet<string>): GrantPlan {
  const mount = existingMount(project, service, secret);
  if (mount) return { kind: "present", mount };
  const listPath: Path = ["services", service, "secrets"];
  const item = usesLongSyntax(doc, service) ? { source: secret } : secret;
  const kind = doc.kind(listPath);
  if (kind === "seq") {
    const first: Path = (doc.get(listPath) as unknown[]).length > 0 ? [...listPath, 0] : listPath;
    const conflict = anchorConflict(blastRadius(doc, listPath, first), allowed);
    if (conflict) return { kind: "refuse", reason: `the secrets list of services.${service} cannot take ${secret}: ${conflict}` };
    const shared = doc.sharedAt(listPath).length > 0;
    return { kind: "edit", mount: mountPath(secret), apply: () => void doc.append(listPath, item, shared ? { shared: "anchor" } : {}) };
  }
  if (kind !== undefined && kind !== "null") {
    return { kind: "refuse", reason: `services.${service}.secrets is not a list` };
  }
  const holder: Path = ["services", service];
  const conflict = anchorConflict(blastRadius(doc, holder), allowed);
  if (conflict) return { kind: "refuse", reason: `services.${service} cannot take a secrets list: ${conflict}` };
  const shared = doc.sharedAt(holder).length > 0;
  return {
    kind: "edit",
    mount: mountPath(secret),
    apply: () => void doc.set(listPath, [item], { after: "environment", ...(shared ? { shared: "anchor" as const } : {}) }),
  };
}

export type Target = "swarm" | "compose";

/** The top-level declaration of a new secret (domain.md §3: `external` for Swarm, `file:` for compose). */
export function declaration(target: Target, secret: string, version: number, secretsDir: string): Record<string, unknown> {
  if (target === "compose") return { file: `./${path.posix.join(secretsDir, secret)}` };
  return version > 0 ? { external: true, name: versionedName(secret, version) } : { external: true };
}

/** True when any file of the project declares `secret` at the top level. */
export function isDeclared(project: Project, secret: string): boolean {
  // One entry, not the whole map: it grows by one with every conversion.
  return project.get(["secrets", secret]) !== undefined;
}
