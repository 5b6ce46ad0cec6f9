/**
 * Throughput: the pre-first-client preset on generated stacks against a bare `yaml` parse of
 * the same text (`YAML.parse(text, { maxAliasCount: -1 })`: these stacks use more aliases than
 * yaml's default limit allows, and compose-gate reads every alias too). Linear growth: ten
 * times the services may cost at most eleven times the time. The diff row renders the
 * 2 000-service result the way `transform` shows it (masked) and compares it with the whole run.
 */
import { parse } from "yaml";
import { composeStack } from "../generate-compose.js";
import { paired, summarize, time } from "../stats.js";
import { ms, pass, percent, timedRow, times, type Row } from "../table.js";
import { api, patch, presetRunner } from "./api.js";
import type { Measurement } from "./types.js";

const SIZES = [10, 100, 1000, 2000];

function runsFor(services: number, quick: boolean): number {
  if (services <= 10) return quick ? 10 : 40;
  if (services <= 100) return quick ? 6 : 15;
  return quick ? 3 : 7;
}

export const throughput: Measurement = {
  name: "throughput",
  async run({ quick }) {
    const preset = await presetRunner();
    const { displayPatch } = await patch();
    const { secretMasker } = await api();
    const rows: Row[] = [];
    const texts = new Map<number, string>();
    const notes: string[] = [];
    for (const services of SIZES) {
      const text = composeStack(services);
      const p = paired(() => parse(text, { maxAliasCount: -1 }), () => preset(text), runsFor(services, quick));
      texts.set(services, text);
      rows.push(
        timedRow(`throughput: preset, ${services} services`, p.subject, {
          ratio: times(p.ratio.median),
          target: "≤ 1.30× YAML.parse",
          status: pass(p.ratio.median <= 1.3),
        }),
      );
      notes.push(`${services} services: ${(text.length / 1024).toFixed(0)} KB, ${text.split("\n").length} lines; YAML.parse median ${ms(p.baseline.median)} (min ${ms(p.baseline.min)}, max ${ms(p.baseline.max)})`);
    }
    for (const [from, to] of [[10, 100], [100, 1000], [1000, 2000]]) rows.push(growthRow(preset, texts, from, to, quick));
    rows.push(floorRow(await api(), preset, quick));

    // The diff of the largest run, as `transform` renders it (masked, no colour).
    const big = composeStack(SIZES[SIZES.length - 1]);
    const shares: number[] = [];
    const diffTimes: number[] = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      let result: ReturnType<typeof preset> | undefined;
      const run = time(() => (result = preset(big)));
      const mask = secretMasker(result!.secrets);
      const changes = result!.files.filter((f) => f.before !== f.after).map((f) => ({ path: f.path, before: f.before, after: f.after }));
      const render = time(() => displayPatch(changes, mask));
      diffTimes.push(render);
      shares.push(render / (run + render));
    }
    const share = summarize(shares);
    rows.push(
      timedRow(`diff: render the ${SIZES[SIZES.length - 1]}-service diff`, summarize(diffTimes), {
        ratio: percent(share.median),
        target: "≤ 10 % of the run",
        status: pass(share.median <= 0.1),
      }),
    );
    return { rows, notes };
  },
};

const FLOOR_SERVICES = 1000;

/**
 * What the preset's guarantee costs before any transform runs: the input parsed into the
 * lossless document and read as data, and the output parsed and read again for the safety
 * net (docs/safety.md). Informational: it is the floor under the throughput rows.
 */
function floorRow({ parseCompose }: Awaited<ReturnType<typeof api>>, preset: Awaited<ReturnType<typeof presetRunner>>, quick: boolean): Row {
  const text = composeStack(FLOOR_SERVICES);
  const after = preset(text).files[0].after;
  const readBoth = () => {
    parseCompose(text, { filename: "docker-compose.yml" }).toJS();
    parseCompose(after, { filename: "docker-compose.yml" }).toJS();
  };
  const p = paired(() => parse(text, { maxAliasCount: -1 }), readBoth, runsFor(FLOOR_SERVICES, quick));
  return timedRow(`floor: parse input + read back output, ${FLOOR_SERVICES} services`, p.subject, {
    ratio: times(p.ratio.median),
    target: "info (no transform)",
    status: "info",
  });
}

/**
 * Time at `to` services over time at `from`, against the input ratio plus 10 %. Both sizes run
 * in the same rounds, alternately, and the row reports the per-round ratios: load that comes
 * and goes between two separate measurements would otherwise read as growth.
 */
function growthRow(preset: Awaited<ReturnType<typeof presetRunner>>, texts: Map<number, string>, from: number, to: number, quick: boolean): Row {
  const small = texts.get(from)!;
  const large = texts.get(to)!;
  const p = paired(() => preset(small), () => preset(large), runsFor(to, quick));
  const factor = to / from;
  return {
    measurement: `growth: ${from} → ${to} services (${factor}× input)`,
    median: times(p.ratio.median),
    min: times(p.ratio.min),
    max: times(p.ratio.max),
    ratio: "",
    target: `≤ ${times(factor * 1.1)}`,
    status: pass(p.ratio.median <= factor * 1.1),
  };
}
