/**
 * A fuzzing campaign: cases `seed`, `seed + 1`, … checked in-process, every `cliEvery`-th one
 * also through the built CLI, with counts per outcome. Each failure keeps its seed (replay with
 * `npm run fuzz -- --replay <seed>`) and a reduced input that still fails the same way.
 * Shared by `npm run fuzz` (scripts/fuzz.ts) and the seeded sample in `npm test`.
 */
import { checkCli, FORMATS } from "./cli.js";
import { caseAt, type CorpusFile, type FuzzCase } from "./inputs.js";
import { checkInProcess } from "./oracle.js";
import { reduce, signature } from "./reduce.js";

export interface CampaignOptions {
  corpus: readonly CorpusFile[];
  seed: number;
  cases: number;
  /** Every n-th case also runs through the built CLI (0: never). */
  cliEvery: number;
  /** Shrink failing inputs (costs up to `reduceTries` more runs per failure). */
  reduceTries?: number;
  progress?: (done: number, tally: Tally) => void;
}

export interface Failure {
  seed: number;
  source: string;
  where: "in-process" | "cli";
  violations: string[];
  text: string;
  /** The smallest input found that fails the same way. */
  reduced: string;
}

export interface Tally {
  cases: number;
  parse: Record<string, number>;
  transform: Record<string, number>;
  check: Record<string, number>;
  cli: Record<string, number>;
  failures: Failure[];
}

const bump = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

/** Planted secrets are only checked where nothing moved them out of secret positions. */
export const hasCanaries = (c: FuzzCase) => (c.source === "generated" || c.source === "secrets") && c.mutations.length === 0;

export function runCampaign(options: CampaignOptions): Tally {
  const tally: Tally = { cases: 0, parse: {}, transform: {}, check: {}, cli: {}, failures: [] };
  for (let i = 0; i < options.cases; i++) {
    const seed = (options.seed + i) >>> 0;
    const c = caseAt(options.corpus, seed);
    runCase(c, i, options, tally);
    tally.cases++;
    options.progress?.(tally.cases, tally);
  }
  return tally;
}

function runCase(c: FuzzCase, index: number, options: CampaignOptions, tally: Tally): void {
  const input = { text: c.text, edits: c.edits, canaries: hasCanaries(c) };
  const outcome = checkInProcess(input);
  bump(tally.parse, outcome.parse.startsWith("error:") ? `located error ${outcome.parse.slice(6)}` : "parsed, round-tripped");
  if (outcome.transform) bump(tally.transform, outcome.transform);
  if (outcome.check) bump(tally.check, outcome.check);
  if (outcome.violations.length > 0) {
    const first = signature(outcome.violations[0]);
    const fails = (text: string) => checkInProcess({ ...input, text }).violations.some((v) => signature(v) === first);
    tally.failures.push({ seed: c.seed, source: c.source, where: "in-process", violations: outcome.violations, text: c.text, reduced: reduce(c.text, fails, options.reduceTries ?? 0) });
  }
  if (options.cliEvery > 0 && index % options.cliEvery === 0) {
    const format = FORMATS[(index / options.cliEvery) % FORMATS.length];
    const violations = checkCli(c.text, format, input.canaries);
    bump(tally.cli, violations.length ? "violation" : `transform + check --format ${format}`);
    if (violations.length > 0) {
      const first = signature(violations[0]);
      const fails = (text: string) => checkCli(text, format, input.canaries).some((v) => signature(v) === first);
      // Each try spawns the CLI twice: keep the shrinking short.
      const tries = Math.min(options.reduceTries ?? 0, 40);
      tally.failures.push({ seed: c.seed, source: c.source, where: "cli", violations, text: c.text, reduced: reduce(c.text, fails, tries) });
    }
  }
}

/** The counts as aligned lines, for the console. */
export function formatTally(tally: Tally): string {
  const section = (title: string, counts: Record<string, number>) =>
    [`${title}:`, ...Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`)].join("\n");
  return [
    `${tally.cases} cases, ${tally.failures.length} failing`,
    section("parse", tally.parse),
    section("preset (in-process, on parsed cases)", tally.transform),
    section("checks (in-process, on parsed cases)", tally.check),
    section("built CLI sample", tally.cli),
  ].join("\n");
}
