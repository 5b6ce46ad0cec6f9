/** Cold start: `compose-gate check` on one real 11 KB file against a bare `node -e 0`. */
import { paired, runNode } from "../stats.js";
import { pass, timedRow, times } from "../table.js";
import { elevenKbFile, TMP } from "../workspace.js";
import { checkedCli, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

export const coldCli: Measurement = {
  name: "cold",
  run({ quick }) {
    const input = elevenKbFile();
    checkedCli(["check", input.file]);
    const p = paired(() => runNode(["-e", "0"], TMP), () => cli(["check", input.file]), quick ? 6 : 20, 2);
    return {
      rows: [
        timedRow("node -e 0 (baseline)", p.baseline, { target: "", status: "info" }),
        timedRow("cold CLI: check, one 11 KB file", p.subject, {
          ratio: times(p.ratio.median),
          target: "≤ 2.00× node -e 0",
          status: pass(p.ratio.median <= 2),
        }),
      ],
      notes: [`cold CLI input: ${input.label}`],
    };
  },
};
