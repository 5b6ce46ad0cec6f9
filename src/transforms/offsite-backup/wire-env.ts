/**
 * Bringing a service's environment to a wanted state with as few edits as possible: values
 * that are already right stay as written, missing ones are added, wrong ones replaced in
 * place. Every edit is placed and checked before the first one is made, so a refusal (a file
 * compose-gate may not edit, an anchor other services share) leaves the service untouched.
 */
import type { ComposeDocument } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import { anchorMessage, placeEnv, serviceEnv, sharedEnvironment, showValue } from "../shared/stack.js";

export interface EnvSetting {
  name: string;
  value: string;
  /** `replace`: anything else is wrong. `fill`: any non-empty value the user chose is kept. */
  mode: "replace" | "fill";
  /** Variables whose presence makes this one unnecessary (a `_FILE` twin, a `DEFAULT_` fallback). */
  satisfiedBy?: string[];
  /** A differently spelled value that is right all the same (`$VAR` for `${VAR}`). */
  accept?: (current: string) => boolean;
}

export interface EnvEdit {
  name: string;
  value: string;
  /** The previous value; undefined when the variable was missing. */
  previous?: string | null;
}

export type EnvOutcome = { ok: true; edits: EnvEdit[] } | { ok: false; reason: string };

/** The settings that need an edit, given the service's merged environment. */
export function pendingEdits(env: Map<string, string | null>, settings: EnvSetting[]): EnvEdit[] {
  const out: EnvEdit[] = [];
  for (const s of settings) {
    const current = env.get(s.name);
    // A bare `KEY` passes the deploy environment's value through: the user chose that too.
    const present = (n: string) => env.has(n) && env.get(n) !== "";
    if ((s.satisfiedBy ?? []).some(present)) continue;
    if (s.mode === "fill") {
      if (present(s.name)) continue;
    } else if (current !== undefined && current !== null && (current === s.value || s.accept?.(current))) {
      continue;
    }
    out.push({ name: s.name, value: s.value, ...(env.has(s.name) ? { previous: current } : {}) });
  }
  return out;
}

/** Apply `settings` to `service`, all or nothing. */
export function applyEnv(project: Project, service: string, settings: EnvSetting[]): EnvOutcome {
  const edits = pendingEdits(serviceEnv(project, service), settings);
  const targets: ComposeDocument[] = [];
  for (const edit of edits) {
    const placed = placeEnv(project, service, edit.name);
    if (!placed.ok) return { ok: false, reason: `cannot set ${edit.name}: ${placed.reason}` };
    const shared = sharedEnvironment(placed.doc, service);
    if (shared) return { ok: false, reason: `cannot edit the environment of ${service}: ${anchorMessage(shared)}` };
    targets.push(placed.doc);
  }
  // Keys merged in with `<<:` are overridden on this service only ("local"), never in the anchor.
  edits.forEach((edit, i) => targets[i].setEnv(service, edit.name, edit.value, { shared: "local" }));
  return { ok: true, edits };
}

/** `S3_ENDPOINT (was "http://minio:9000")`, with secrets never shown. */
export function describeEdit(edit: EnvEdit): string {
  if (edit.previous === undefined) return edit.name;
  return `${edit.name} (was ${showValue(edit.name, edit.previous)})`;
}
