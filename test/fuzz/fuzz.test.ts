/**
 * The fuzzer's seeded sample (the long campaign is `npm run fuzz`): a few hundred mutated
 * corpus files, generated stacks and token soup, in-process, and a handful through the built
 * CLI. Same seed every run, so a failure here replays with `npm run fuzz -- --replay <seed>`.
 */
import { describe, expect, it } from "vitest";
import { corpusFiles } from "../_utils.js";
import { formatTally, runCampaign } from "./campaign.js";
import { reduce, signature } from "./reduce.js";

const SEED = 20_250_501;
const CASES = Number(process.env.FUZZ_CASES ?? 300);

describe("fuzzing: any input parses losslessly or fails with a location, and nothing crashes", () => {
  it(`${CASES} seeded cases (seed ${SEED}), every 60th through the built CLI`, () => {
    const tally = runCampaign({ corpus: corpusFiles(), seed: SEED, cases: CASES, cliEvery: 60 });
    console.log(`[compose-gate fuzz sample]\n${formatTally(tally)}`);
    const failures = tally.failures.map((f) => `seed ${f.seed} (${f.source}, ${f.where}): ${f.violations.join("; ")}`);
    expect(failures).toEqual([]);
    // The sample must reach every stage: refusals, round trips, the preset and the CLI.
    expect(Object.keys(tally.parse).length).toBeGreaterThan(2);
    expect(tally.transform.changed).toBeGreaterThan(0);
    expect(Object.values(tally.cli).reduce((a, b) => a + b, 0)).toBe(Math.ceil(CASES / 60));
  });
});

describe("fuzz failure reduction", () => {
  it("shrinks an input to the smallest text that still fails", () => {
    const text = "services:\n  web:\n    image: nginx\n    labels: {x: TRIGGER}\n  db: {}\n";
    expect(reduce(text, (t) => t.includes("TRIG"), 5000)).toBe("TRIG");
    expect(reduce(text, (t) => /web:[^]*TRIGGER/.test(t), 5000)).toBe("web:TRIGGER");
  });

  it("counts failures with other numbers or quoted values as the same failure", () => {
    expect(signature('diagnostic outside the input (3 lines): {"line": 9}')).toBe(signature('diagnostic outside the input (12 lines): {"line": 40}'));
    expect(signature("preset threw TypeError: x")).not.toBe(signature("checks threw TypeError: x"));
  });
});
