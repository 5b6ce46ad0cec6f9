/**
 * Bounds: the largest stack compose-gate reads, in the shape that used to be quadratic (one
 * literal password per service, 1.8 MB, ~16 000 services; issue #19 item 12). Each command of
 * the built CLI must finish within 10 s and 500 MB of resident memory, and env-to-secrets must
 * grow linearly (twice the services may cost at most 2.3 times the time). A note splits the
 * transform run into its parts, with and without masking the diff, since masking is a share of
 * it that depends on how many secret values there are.
 */
import path from "node:path";
import { secretHeavyStack } from "../generate-compose.js";
import { summarize, time } from "../stats.js";
import { ms, pass, timedRow, times, type Row } from "../table.js";
import { write } from "../workspace.js";
import { api, patch } from "./api.js";
import { CliFailure, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

const BYTES = 1.8 * 1024 * 1024;
const MAX_MS = 10_000;
const MAX_RSS_MB = 500;
const MAX_GROWTH = 2.3;
const RSS_PRELOAD = path.join(path.dirname(new URL(import.meta.url).pathname), "max-rss.cjs");

const COMMANDS: { label: string; args: (file: string) => string[] }[] = [
  { label: "transform (preset)", args: (f) => ["transform", f] },
  { label: "transform --only env-to-secrets", args: (f) => ["transform", f, "--only", "env-to-secrets"] },
  { label: "check", args: (f) => ["check", f] },
  { label: "check --format sarif", args: (f) => ["check", f, "--format", "sarif"] },
];

/** One run of the CLI: wall time and peak RSS (MB). */
function measured(args: string[]): { ms: number; rssMb: number } {
  let run: ReturnType<typeof cli> | undefined;
  const elapsed = time(() => (run = cli(args, ["--require", RSS_PRELOAD])));
  if (run!.status !== 0 && run!.status !== 1) throw new CliFailure(`compose-gate ${args.join(" ")} exited ${run!.status}: ${run!.stderr.slice(-300)}`);
  const kb = Number(/compose-gate-max-rss (\d+)\s*$/.exec(run!.stderr)?.[1] ?? NaN);
  return { ms: elapsed, rssMb: kb / 1024 };
}

export const bounds: Measurement = {
  name: "bounds",
  async run({ quick }) {
    const text = secretHeavyStack(BYTES);
    const file = write("bounds/docker-compose.yml", text);
    const services = text.split("\n").filter((l) => /^ {2}db\d+:$/.test(l)).length;
    const runs = quick ? 1 : 3;
    const rows: Row[] = [];
    for (const command of COMMANDS) {
      const samples = Array.from({ length: runs }, () => measured(command.args(file)));
      const wall = summarize(samples.map((s) => s.ms));
      const rss = Math.max(...samples.map((s) => s.rssMb));
      rows.push(
        timedRow(`bounds: ${command.label}, 1.8 MB`, wall, {
          ratio: `${rss.toFixed(0)} MB peak`,
          target: `≤ ${MAX_MS / 1000} s, ≤ ${MAX_RSS_MB} MB`,
          status: pass(wall.median <= MAX_MS && rss <= MAX_RSS_MB),
        }),
      );
    }
    rows.push(await growthRow(quick));
    return { rows, notes: [`bounds input: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${services} services with a literal password each`, await split(text)] };
  },
};

/** env-to-secrets in one process on half and all of the input: linear means about 2×. */
async function growthRow(quick: boolean): Promise<Row> {
  const { getTransform, runTransforms } = await api();
  const transform = getTransform("env-to-secrets")!;
  const half = secretHeavyStack(BYTES / 2);
  const full = secretHeavyStack(BYTES);
  const runOn = (t: string) => () => void runTransforms([{ path: "docker-compose.yml", text: t }], [transform]);
  runOn(half)();
  const ratios: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const a = time(runOn(half));
    const b = time(runOn(full));
    fulls.push(b);
    ratios.push(b / a);
  }
  const ratio = summarize(ratios);
  return timedRow("bounds: env-to-secrets growth, 0.9 → 1.8 MB, in one process", summarize(fulls), {
    ratio: times(ratio.median),
    target: `≤ ${MAX_GROWTH}×`,
    status: pass(ratio.median <= MAX_GROWTH),
  });
}

/** Where a transform run's time goes on this input, and what masking the diff adds. */
async function split(text: string): Promise<string> {
  const { PRESETS, getTransform, runTransforms, secretMasker } = await api();
  const { displayPatch } = await patch();
  let result: ReturnType<typeof runTransforms> | undefined;
  const run = time(() => (result = runTransforms([{ path: "docker-compose.yml", text }], PRESETS["pre-first-client"].map((id) => getTransform(id)!))));
  const changes = result!.files.filter((f) => f.before !== f.after).map((f) => ({ path: f.path, before: f.before, after: f.after }));
  let mask: (s: string) => string = (s) => s;
  const build = time(() => (mask = secretMasker(result!.secrets)));
  const masked = time(() => displayPatch(changes, mask));
  const plain = time(() => displayPatch(changes, (s) => s));
  return `bounds split (preset, in process): transforms ${ms(run)}; diff ${ms(plain)} unmasked, ${ms(masked)} masked (+ ${ms(build)} to build the masker for ${result!.secrets.length} values)`;
}
