/**
 * Checking a list of stacks on two threads. Reading YAML is most of the work and a process
 * has one thread for it, so a long list (a monorepo's folders, a CI job over every stack) is
 * shared with one worker thread: both take the next unchecked stack from a shared counter
 * until none are left, so neither waits for the other whatever the stacks' sizes, and the
 * worker's start-up is paid only while this thread is already checking. Results are put back
 * in input order, so the output is the same byte for byte as checking one stack after another.
 */
import { availableParallelism, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { checkStack, type CheckOptions, type StackCheck } from "./check-stack.js";
import type { WorkerInput } from "./check-worker.js";
import type { RunChecks } from "./registry.js";
import type { StackSpec } from "./stacks.js";

/**
 * Fewer stacks than this are checked on this thread alone: starting a worker (loading the
 * parser and the rules again) costs about as much as checking a few stacks.
 */
export const MIN_PARALLEL_STACKS = 6;

/**
 * Whether a second thread would run on a core nobody else is using. On a busy machine the
 * worker's own start-up and first, unoptimised runs of the parser and rules cost more than its
 * share of the stacks saves (measured on a shared 2-core machine), so it helps only when a core
 * is idle.
 */
export function spareCore(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0] <= cores - 1;
}

/**
 * Each stack's result, in input order. `parallel` says whether a worker may help: it loads the
 * shipped checks, so it must not when the caller runs other ones (or needs the loaded stacks).
 */
export async function checkStacks(stacks: StackSpec[], runChecks: RunChecks, options: CheckOptions, cwd: string, parallel: boolean): Promise<StackCheck[]> {
  const check = (index: number) => checkStack(stacks[index], runChecks, options, cwd);
  if (!parallel || stacks.length < MIN_PARALLEL_STACKS) return stacks.map((_, i) => check(i));

  const next = new SharedArrayBuffer(4);
  const input: WorkerInput = { stacks, options, cwd, next };
  const worker = new Worker(new URL("./check-worker.js", import.meta.url), { workerData: input });
  const fromWorker = new Map<number, StackCheck>();
  worker.on("message", ({ index, result }: { index: number; result: StackCheck }) => fromWorker.set(index, result));
  // Settles when the worker stops, having sent all it checked, or fails (its stacks are then checked here).
  const stopped = new Promise<void>((resolve) => {
    worker.once("exit", () => resolve());
    worker.once("error", () => resolve());
  });

  const results: (StackCheck | undefined)[] = stacks.map(() => undefined);
  const counter = new Int32Array(next);
  for (let index = Atomics.add(counter, 0, 1); index < stacks.length; index = Atomics.add(counter, 0, 1)) results[index] = check(index);

  if (results.some((r, i) => r === undefined && !fromWorker.has(i))) await stopped;
  else void worker.terminate();
  return results.map((r, i) => r ?? fromWorker.get(i) ?? check(i));
}
