/**
 * Cold start: `compose-gate check` on one real 11 KB file against a bare `node -e 0`. The
 * target row runs as users do after the first run, with the launcher's code cache
 * (src/cli/launch.cts) in place; the first run writes it. A second, informational row runs with
 * the cache turned off, as the very first run after an install does.
 */
import { paired, runNode } from "../stats.js";
import { pass, timedRow, times } from "../table.js";
import { elevenKbFile, TMP } from "../workspace.js";
import { checkArgs, checkedCli, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

export const coldCli: Measurement = {
  name: "cold",
  run({ quick }) {
    const input = elevenKbFile();
    checkedCli(checkArgs([input.file]));
    const rounds = quick ? 6 : 20;
    const node = () => runNode(["-e", "0"], TMP);
    const p = paired(node, () => cli(checkArgs([input.file])), rounds, 2);
    const uncached = paired(node, () => cli(checkArgs([input.file]), [], { COMPOSE_GATE_CODE_CACHE: "0" }), rounds, 1);
    return {
      rows: [
        timedRow("node -e 0 (baseline)", p.baseline, { target: "", status: "info" }),
        timedRow("cold CLI: check, one 11 KB file", p.subject, {
          ratio: times(p.ratio.median),
          target: "≤ 2.00× node -e 0",
          status: pass(p.ratio.median <= 2),
        }),
        timedRow("cold CLI, without the code cache (first run)", uncached.subject, { ratio: times(uncached.ratio.median), target: "", status: "info" }),
      ],
      notes: [`cold CLI input: ${input.label}`],
    };
  },
};
