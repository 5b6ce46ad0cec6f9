/**
 * Timing and statistics. Every figure is a median of several runs with its min and max; a
 * ratio is taken within one round (baseline and subject back to back), then the median of those
 * per-round ratios is reported, so load from other processes cancels out as far as it can.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Wall time of `fn` in milliseconds. */
export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export interface Paired {
  baseline: Summary;
  subject: Summary;
  /** Median of the per-round subject/baseline ratios. */
  ratio: Summary;
}

/**
 * Runs `baseline` and `subject` alternately, `runs` rounds after `warmup` untimed rounds,
 * and alternates which goes first so neither always runs on a warmer machine.
 */
export function paired(baseline: () => void, subject: () => void, runs: number, warmup = 1): Paired {
  for (let i = 0; i < warmup; i++) {
    baseline();
    subject();
  }
  const b: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      b.push(time(baseline));
      s.push(time(subject));
    } else {
      s.push(time(subject));
      b.push(time(baseline));
    }
  }
  return { baseline: summarize(b), subject: summarize(s), ratio: summarize(s.map((x, i) => x / b[i])) };
}

export function repeat(fn: () => void, runs: number, warmup = 1): Summary {
  for (let i = 0; i < warmup; i++) fn();
  return summarize(Array.from({ length: runs }, () => time(fn)));
}

export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` to completion (the caller times it); output is captured, not printed. */
export function runNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): NodeRun {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
