/**
 * What `fix: <transform>` on a finding means, and the fixes SARIF shows. A rule names the
 * transform that closes its kind of finding; a finding keeps that name only when the transform,
 * run on its stack alone (as `compose-gate transform --only <id>` would, with the options in
 * force), would change something for it: the same rule, run on the transform's output, no
 * longer reports it as it is. So `check` and `transform` never disagree — after
 * `transform --write`, nothing is left that `check` calls fixable.
 * Computed once per stack and transform.
 */
import { parseCompose } from "../document/compose-document.js";
import { Project, type CompanionRole } from "../project/project.js";
import type { CheckFinding } from "../report/check-types.js";
import type { FixInfo } from "../report/sarif.js";
import type { Transform } from "../transforms/types.js";
import { displayPath } from "../io/paths.js";
import type { LoadedStack } from "./load-stack.js";
import type { RunChecks, SuppressionInput } from "./registry.js";
import { extraFilePath, runPipeline } from "./transform-stack.js";
import type { TransformOptions } from "./transform-options.js";

/** What a finding is, wherever it sits: positions move when a transform edits the file. */
const identity = (f: CheckFinding) => [f.ruleId, f.service ?? "", f.severity, f.message].join("\u0000");

export interface Located {
  finding: CheckFinding;
  stack: LoadedStack;
  stackIndex: number;
}

export class FixCache {
  readonly #cache = new Map<string, FixInfo | undefined>();
  readonly #after = new Map<string, Project | undefined>();

  constructor(
    private readonly transforms: readonly Transform[],
    private readonly options: TransformOptions,
    private readonly cwd: string,
  ) {}

  /** What `transformId` changes in `stack`; undefined when the id is unknown or nothing changes. */
  fix(stack: LoadedStack, stackIndex: number, transformId: string): FixInfo | undefined {
    const key = `${stackIndex}\u0000${transformId}`;
    if (!this.#cache.has(key)) this.#cache.set(key, this.#compute(stack, transformId));
    return this.#cache.get(key);
  }

  /**
   * Drop `fix` from each finding its transform would not change (see above). A transform that
   * fails here leaves its findings without `fix` and is reported through `onError`.
   */
  confirm(found: readonly Located[], runChecks: RunChecks, suppressions: SuppressionInput[], onError: (message: string) => void): void {
    const groups = new Map<string, Located[]>();
    for (const l of found) {
      if (!l.finding.fix) continue;
      const key = `${l.stackIndex}\u0000${l.finding.fix}`;
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    for (const group of groups.values()) {
      const { stack, stackIndex, finding } = group[0];
      let after: Project | undefined;
      try {
        after = this.#afterProject(stack, stackIndex, finding.fix!);
      } catch (error) {
        onError(`${finding.fix} failed while checking what it would fix: ${(error as Error).message}`);
      }
      const left = new Map<string, number>();
      if (after) {
        const rules = [...new Set(group.map((l) => l.finding.ruleId))];
        for (const f of runChecks(after, { rules, suppressions }).findings) left.set(identity(f), (left.get(identity(f)) ?? 0) + 1);
      }
      for (const l of group) {
        const remaining = left.get(identity(l.finding)) ?? 0;
        // Still reported after the transform (or nothing changed at all): not its fix.
        if (!after || remaining > 0) {
          delete l.finding.fix;
          if (after) left.set(identity(l.finding), remaining - 1);
        }
      }
    }
  }

  /** The stack as `transformId` would leave it; undefined when it changes no compose file. */
  #afterProject(stack: LoadedStack, stackIndex: number, transformId: string): Project | undefined {
    const key = `${stackIndex}\u0000${transformId}`;
    if (!this.#after.has(key)) {
      const transform = this.transforms.find((t) => t.id === transformId);
      const result = transform ? runPipeline(stack, [transform], this.options, this.cwd) : undefined;
      if (!result || result.files.every((f) => f.before === f.after)) this.#after.set(key, undefined);
      else {
        const docs = result.files.filter((f) => !f.role).map((f) => parseCompose(f.after, { filename: f.path }));
        const companions = new Map<CompanionRole, ReturnType<typeof parseCompose>>();
        for (const f of result.files) if (f.role) companions.set(f.role, parseCompose(f.after, { filename: f.path }));
        const editable = stack.editable ? { editable: docs.filter((d) => stack.editable!.includes(d.filename)) } : {};
        this.#after.set(key, new Project(docs, { ...editable, companions }));
      }
    }
    return this.#after.get(key);
  }

  #compute(stack: LoadedStack, transformId: string): FixInfo | undefined {
    const transform = this.transforms.find((t) => t.id === transformId);
    if (!transform) return undefined;
    const result = runPipeline(stack, [transform], this.options, this.cwd);
    const changes = result.files.filter((f) => f.before !== f.after).map((f) => ({ file: f.path, before: f.before, after: f.after }));
    if (changes.length === 0) return undefined;
    const createdFiles = result.extras.map((e) => displayPath(extraFilePath(stack, e), this.cwd));
    return { transform: transformId, changes, createdFiles };
  }
}
