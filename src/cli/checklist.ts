/**
 * The gate checklist a run keeps next to each stack (report/checklist.ts renders it): which
 * file it goes to, what its items and steps are, and the change that brings the file up to
 * date. Stacks of one folder share the file, one section each, so they never overwrite each
 * other. `transform` fills it from the state its changes leave; `check --format markdown` from
 * the files as they are.
 */
import path from "node:path";
import type { FileChange } from "../diff/index.js";
import { parseCompose, type ComposeDocument } from "../document/compose-document.js";
import { displayPath } from "../io/paths.js";
import { readTextFile, ReadError, type TextFile } from "../io/read.js";
import type { PlannedWrite } from "../io/write.js";
import type { ProjectFiles } from "../project/files.js";
import type { CompanionRole } from "../project/project.js";
import { Project } from "../project/project.js";
import type { CheckFinding, RuleInfo, SuppressedFinding } from "../report/check-types.js";
import { mergeChecklist, renderChecklist, type ChecklistItem, type ChecklistSection, type ChecklistStep } from "../report/checklist.js";
import type { Finding, Transform } from "../transforms/types.js";
import type { RunChecks, SuppressionInput } from "./registry.js";

export const DEFAULT_CHECKLIST = "GATE.md";

/** The gate items: the `gate/*` rules and any rule a transform of the run closes, in rule order. */
export function checklistItems(rules: readonly RuleInfo[], transforms: readonly Transform[]): Omit<ChecklistItem, "open" | "suppressed">[] {
  return rules
    .filter((r) => r.id.startsWith("gate/") || transforms.some((t) => t.closes === r.id))
    .map((r) => {
      const closing = transforms.filter((t) => t.closes === r.id);
      return { id: r.id, title: closing.length > 0 ? closing.map((t) => t.title).join(" · ") : r.summary, closedByTransform: closing.length > 0 };
    });
}

/** Items with the number of open and accepted findings of their rule. */
export function countFindings(items: Omit<ChecklistItem, "open" | "suppressed">[], findings: readonly CheckFinding[], suppressed: readonly SuppressedFinding[]): ChecklistItem[] {
  return items.map((item) => ({
    ...item,
    open: findings.filter((f) => f.ruleId === item.id).length,
    suppressed: suppressed.filter((f) => f.ruleId === item.id).length,
  }));
}

/** The manual steps among a run's findings, each under the item its transform closes; masked. */
export function manualSteps(findings: readonly Finding[], transforms: readonly Transform[], mask: (s: string) => string): ChecklistStep[] {
  return findings
    .filter((f) => f.kind === "manual")
    .map((f) => ({ item: transforms.find((t) => t.id === f.transform)?.closes, transform: f.transform, message: mask(f.message) }));
}

/** A stack's files as a run leaves them, to check what is still open. */
export interface StackState {
  /** The project's other files (workflows, rule files), those the run generates included. */
  project: ProjectFiles;
  files: { path: string; text: string }[];
  companions: { role: CompanionRole; path: string; text: string }[];
}

/** The checks on a stack's state; undefined when it does not read back (the run reports that itself). */
export function checkState(state: StackState, runChecks: RunChecks, suppressions: SuppressionInput[]): ReturnType<RunChecks> | undefined {
  try {
    const docs = state.files.map((f) => parseCompose(f.text, { filename: f.path }));
    const companions = new Map<CompanionRole, ComposeDocument>(state.companions.map((c) => [c.role, parseCompose(c.text, { filename: c.path })]));
    return runChecks(new Project(docs, { companions }), { suppressions, files: state.project });
  } catch {
    return undefined;
  }
}

/** Where a stack's checklist goes: `name` relative to the folder of its first file. */
export function checklistTarget(stackFiles: readonly string[], name: string): string {
  return path.resolve(path.dirname(stackFiles[0]), name);
}

/** How a stack is named in its section: its files relative to the checklist's folder. */
export function sectionKey(stackFiles: readonly string[], target: string): string {
  return stackFiles.map((f) => displayPath(f, path.dirname(target))).join(" + ");
}

interface Pending {
  target: string;
  existing?: TextFile;
  sections: ChecklistSection[];
}

/**
 * The checklist files of one run: sections are added per stack, and each file is then
 * rewritten once, from what it holds on disk, with every one of its sections brought up to date.
 */
export class ChecklistFiles {
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly cwd: string) {}

  add(target: string, section: ChecklistSection): void {
    let pending = this.#pending.get(target);
    if (!pending) {
      pending = { target, existing: readIfPresent(target, displayPath(target, this.cwd)), sections: [] };
      this.#pending.set(target, pending);
    }
    pending.sections = [...pending.sections.filter((s) => s.key !== section.key), section];
  }

  /**
   * The change and the write of each file that is not current. A file is created only when a
   * section has manual steps to record: a stack with nothing left to do by hand gets no file,
   * but a file that exists is always kept current.
   */
  changes(): { change: FileChange; write: PlannedWrite }[] {
    const out: { change: FileChange; write: PlannedWrite }[] = [];
    for (const { target, existing, sections } of this.#pending.values()) {
      if (!existing && sections.every((s) => s.steps.length === 0)) continue;
      const before = existing?.text;
      const after = sections.reduce((text: string | undefined, s) => mergeChecklist(text, s.key, renderChecklist(s, before)), before) ?? "";
      if (after === before) continue;
      const display = displayPath(target, this.cwd);
      out.push({
        change: { path: display, before: before ?? null, after, ...(existing ? {} : { mode: 0o644 }) },
        write: existing
          ? { path: existing.realPath, display, content: after, expected: before!, mode: existing.mode, owner: { uid: existing.uid, gid: existing.gid } }
          : { path: target, display, content: after, expected: null, mode: 0o644 },
      });
    }
    return out;
  }
}

/** The checklist file's text, or undefined when there is none (or it cannot be read as text). */
export function readChecklist(file: string, cwd: string): string | undefined {
  try {
    return readIfPresent(file, displayPath(file, cwd))?.text;
  } catch (error) {
    if (error instanceof ReadError) return undefined;
    throw error;
  }
}

function readIfPresent(file: string, display: string): TextFile | undefined {
  try {
    return readTextFile(file, display);
  } catch (error) {
    if (error instanceof ReadError && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}
