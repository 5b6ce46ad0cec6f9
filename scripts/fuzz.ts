/**
 * `npm run fuzz`: the long fuzzing campaign (default 10 000 cases from a fresh seed).
 *
 *   npm run fuzz                              # 10 000 cases, new seed, every 50th through the CLI
 *   npm run fuzz -- --seed 42 --cases 50000   # a chosen campaign
 *   npm run fuzz -- --replay 1234567          # one case: its input and every violation
 *
 * Then the largest stacks compose-gate reads (2 MB) go through the CLI with a 1 GB heap and a
 * two-minute bound. Prints the counts per outcome and timings and, for each failure, its seed
 * and the path of a reduced input under fuzz-failures/. Exits 1 when anything failed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { corpusFiles, corpusDir, repoRoot } from "../test/_utils.js";
import { formatTally, hasCanaries, runCampaign, type Failure } from "../test/fuzz/campaign.js";
import { checkCli, FORMATS } from "../test/fuzz/cli.js";
import { caseAt } from "../test/fuzz/inputs.js";
import { largeStacks, runLarge } from "../test/fuzz/large.js";
import { checkInProcess } from "../test/fuzz/oracle.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    cases: { type: "string", default: "10000" },
    "cli-every": { type: "string", default: "50" },
    replay: { type: "string" },
    out: { type: "string", default: "fuzz-failures" },
  },
});

const corpus = corpusFiles();
if (corpus.length === 0) console.warn(`corpus not found at ${corpusDir}: fuzzing generated inputs only`);

if (values.replay !== undefined) {
  const c = caseAt(corpus, Number(values.replay));
  console.log(`case ${c.seed}: ${c.source}, mutations ${JSON.stringify(c.mutations)}, edits ${JSON.stringify(c.edits)}`);
  console.log(`--- input (JSON string) ---\n${JSON.stringify(c.text)}`);
  const outcome = checkInProcess({ text: c.text, edits: c.edits, canaries: hasCanaries(c) });
  const cli = FORMATS.flatMap((f) => checkCli(c.text, f, hasCanaries(c)));
  console.log(JSON.stringify({ ...outcome, cli }, null, 2));
  process.exit(outcome.violations.length + cli.length > 0 ? 1 : 0);
}

const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const cases = Number(values.cases);
const started = Date.now();
console.log(`fuzzing ${cases} cases from seed ${seed} (${corpus.length} corpus files); replay one with npm run fuzz -- --replay <seed>`);
const tally = runCampaign({
  corpus,
  seed,
  cases,
  cliEvery: Number(values["cli-every"]),
  reduceTries: 2000,
  progress: (done, t) => {
    if (done % 1000 === 0) console.log(`  ${done} cases, ${t.failures.length} failing, ${Math.round((Date.now() - started) / 1000)} s`);
  },
});
console.log(`\n${formatTally(tally)}\n(seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s)`);
report(tally.failures, path.resolve(repoRoot, values.out));
const large = largeStacks().flatMap((s) => runLarge(s.text, 1024, 120_000).map((r) => ({ ...r, name: s.name })));
console.log("\nlargest stacks (2 MB, 1 GB heap, 120 s bound):");
for (const r of large) console.log(`  ${r.name}: ${r.command}: ${(r.ms / 1000).toFixed(1)} s${r.violations.length ? `, FAILED: ${r.violations.join("; ")}` : ""}`);
const largeFailures = large.filter((r) => r.violations.length > 0).length;
process.exit(tally.failures.length + largeFailures > 0 ? 1 : 0);

function report(failures: Failure[], dir: string): void {
  if (failures.length === 0) return;
  mkdirSync(dir, { recursive: true });
  console.log(`\n${failures.length} failing case(s):`);
  for (const f of failures) {
    const file = path.join(dir, `${f.seed}-${f.where}.yml`);
    writeFileSync(file, f.reduced);
    writeFileSync(path.join(dir, `${f.seed}-${f.where}.txt`), `${f.violations.join("\n")}\n\nfull input (JSON string):\n${JSON.stringify(f.text)}\n`);
    console.log(`- seed ${f.seed} (${f.source}, ${f.where}): ${f.violations[0].split("\n")[0]}\n  reduced input: ${path.relative(process.cwd(), file)}  (replay: npm run fuzz -- --replay ${f.seed})`);
  }
}
