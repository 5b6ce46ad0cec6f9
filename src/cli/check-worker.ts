/**
 * The worker thread of a `compose-gate check` over many stacks (see check-parallel.ts): it
 * takes stacks from the shared counter until none are left and sends each result back as
 * soon as it has it. It uses the shipped checks, the only registry a thread can load by name.
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkStack, type CheckOptions } from "./check-stack.js";
import { loadDefaultRegistry } from "./registry.js";
import type { StackSpec } from "./stacks.js";

export interface WorkerInput {
  stacks: StackSpec[];
  options: CheckOptions;
  cwd: string;
  /** One Int32: the index of the next stack nobody has taken. */
  next: SharedArrayBuffer;
}

const input = workerData as WorkerInput;
const next = new Int32Array(input.next);
const { runChecks } = await loadDefaultRegistry({ transforms: false });
for (let index = Atomics.add(next, 0, 1); index < input.stacks.length; index = Atomics.add(next, 0, 1)) {
  const { stack: _local, ...result } = checkStack(input.stacks[index], runChecks!, input.options, input.cwd);
  parentPort!.postMessage({ index, result });
}
