/**
 * What `fix: <transform>` on a finding means, and the fixes SARIF shows. A rule names the
 * transform that closes its kind of finding; a finding keeps a `fix` only when a transform would
 * really change it in the current configuration. The transforms the stack's findings name are
 * applied one after the other, in the registry's (the preset's) order and with the options in
 * force, and the rules run again after each: a finding that the rule no longer reports as it
 * was is fixed by the transform that changed it (drop-minio, say, for a secret of the MinIO init
 * job it removes); a finding still reported at the end has no `fix`. So `check` and `transform`
 * never disagree — after `transform --write`, nothing is left that `check` calls fixable. The
 * stack's text is parsed once more for this (check lets go of its parsed documents once the
 * rules ran), and nothing is verified: nothing is written.
 */
import type { Project } from "../project/project.js";
import type { CheckFinding } from "../report/check-types.js";
import type { FixInfo } from "../report/sarif.js";
import type { Transform } from "../transforms/types.js";
import { displayPath } from "../io/paths.js";
import type { ReadStack } from "./load-stack.js";
import { projectFiles } from "./project-files.js";
import type { RunChecks, SuppressionInput } from "./registry.js";
import { extraFilePath, previewPipeline, runPipeline } from "./transform-stack.js";
import type { TransformOptions } from "./transform-options.js";

/** What a finding is, wherever it sits: positions move when a transform edits the file. */
const identity = (f: CheckFinding) => [f.ruleId, f.service ?? "", f.severity, f.message].join("\u0000");

/** A finding and the stack it was found in (fixes run on that stack's text). */
export interface Located {
  finding: CheckFinding;
  stack: ReadStack;
  stackIndex: number;
}

/** How many findings of each identity `project` has, for `rules`. */
function census(project: Project, runChecks: RunChecks, options: NonNullable<Parameters<RunChecks>[1]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of runChecks(project, options).findings) out.set(identity(f), (out.get(identity(f)) ?? 0) + 1);
  return out;
}

export class FixCache {
  readonly #cache = new Map<string, FixInfo | undefined>();

  constructor(
    private readonly transforms: readonly Transform[],
    private readonly options: TransformOptions,
    private readonly cwd: string,
  ) {}

  /** What `transformId` changes in `stack`; undefined when the id is unknown or nothing changes. */
  fix(stack: ReadStack, stackIndex: number, transformId: string): FixInfo | undefined {
    const key = `${stackIndex}\u0000${transformId}`;
    if (!this.#cache.has(key)) this.#cache.set(key, this.#compute(stack, transformId));
    return this.#cache.get(key);
  }

  /**
   * Set each finding's `fix` to the transform that would change it, or remove it (see above). A
   * transform that fails here leaves the stack's findings without `fix` and is reported through
   * `onError`.
   */
  confirm(found: readonly Located[], runChecks: RunChecks, suppressions: SuppressionInput[], onError: (message: string) => void): void {
    const byStack = new Map<number, Located[]>();
    for (const l of found) {
      if (!l.finding.fix) continue;
      const group = byStack.get(l.stackIndex) ?? [];
      group.push(l);
      byStack.set(l.stackIndex, group);
    }
    for (const group of byStack.values()) {
      const named = new Set(group.map((l) => l.finding.fix!));
      const transforms = this.transforms.filter((t) => named.has(t.id));
      const rules = [...new Set(group.map((l) => l.finding.ruleId))];
      // Which transform first makes each identity disappear, and how many of them it removes.
      const fixedBy = new Map<string, { transform: string; count: number }[]>();
      let before = new Map<string, number>();
      for (const l of group) before.set(identity(l.finding), (before.get(identity(l.finding)) ?? 0) + 1);
      let edits = 0;
      try {
        const { stack } = group[0];
        previewPipeline(stack, transforms, this.options, this.cwd, (transform, project) => {
          // A transform that edited nothing changed no finding: the rules need not run again.
          const count = [...project.docs, ...project.companions.values()].reduce((n, d) => n + d.editCount, 0);
          if (count === edits) return;
          edits = count;
          const after = census(project, runChecks, { rules, suppressions, files: projectFiles(stack, this.cwd) });
          for (const [id, count] of before) {
            const gone = count - Math.min(count, after.get(id) ?? 0);
            if (gone > 0) fixedBy.set(id, [...(fixedBy.get(id) ?? []), { transform: transform.id, count: gone }]);
          }
          before = new Map([...before].map(([id, count]) => [id, Math.min(count, after.get(id) ?? 0)]));
        });
      } catch (error) {
        onError(`checking what the transforms would fix failed: ${(error as Error).message}`);
        fixedBy.clear();
      }
      for (const l of group) {
        const slot = fixedBy.get(identity(l.finding))?.find((s) => s.count > 0);
        if (slot) {
          l.finding.fix = slot.transform;
          slot.count--;
        } else delete l.finding.fix;
      }
    }
  }

  #compute(stack: ReadStack, transformId: string): FixInfo | undefined {
    const transform = this.transforms.find((t) => t.id === transformId);
    if (!transform) return undefined;
    const result = runPipeline(stack, [transform], this.options, this.cwd);
    const changes = result.files.filter((f) => f.before !== f.after).map((f) => ({ file: f.path, before: f.before, after: f.after }));
    if (changes.length === 0) return undefined;
    const createdFiles = result.extras.map((e) => displayPath(extraFilePath(stack, e), this.cwd));
    return { transform: transformId, changes, createdFiles };
  }
}
