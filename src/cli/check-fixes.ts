/**
 * The fixes SARIF shows: for a finding whose rule names a fix transform, that transform run on
 * its stack alone (as `compose-gate transform --only <id>` would) and the files it changes.
 * Computed once per stack and transform, and only when a SARIF report asks for it.
 */
import type { FixInfo } from "../report/sarif.js";
import type { Transform } from "../transforms/types.js";
import { displayPath } from "../io/paths.js";
import type { ReadStack } from "./load-stack.js";
import { extraFilePath, runPipeline } from "./transform-stack.js";
import type { TransformOptions } from "./transform-options.js";

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
