/**
 * Side by side with compose-lint (Python, byte-compiled as pip installs it) on the batch: one
 * `compose-gate check` call and one `compose-lint` call over the same 60 files. The target is
 * that check takes no longer than compose-lint. compose-lint is installed from a local checkout
 * (bench/compose-lint/install.ts); without one, or without Python, the row says why.
 */
import { spawnSync } from "node:child_process";
import { composeLint } from "../compose-lint/install.js";
import { paired } from "../stats.js";
import { pass, timedRow, times, unavailableRow } from "../table.js";
import { batchFiles, TMP } from "../workspace.js";
import { checkArgs, checkedCli, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

export const composeLintRow: Measurement = {
  name: "compose-lint",
  run({ quick }) {
    const label = "compose-lint, same 60 files in one call (check ≤ it)";
    const lint = composeLint();
    if (!lint.ok) return { rows: [unavailableRow(label, "n/a (compose-lint not installed)", "check ≤ compose-lint")], notes: [`compose-lint row skipped: ${lint.why}`] };
    const { files } = batchFiles(60);
    checkedCli(checkArgs(files));
    const run = () => {
      const r = spawnSync(lint.bin, ["--fail-on", "critical", ...files], { cwd: TMP, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`compose-lint exited ${r.status}: ${r.stderr.split("\n").slice(0, 2).join(" / ")}`);
    };
    // Baseline compose-lint, subject check: the ratio is check's time over compose-lint's.
    const p = paired(run, () => cli(checkArgs(files)), quick ? 3 : 7, 1);
    return {
      rows: [
        timedRow(label, p.baseline, { target: "info", status: "info" }),
        timedRow("check vs compose-lint, same 60 files", p.subject, { ratio: `${times(p.ratio.median)} compose-lint`, target: "≤ 1.00×", status: pass(p.ratio.median <= 1) }),
      ],
      notes: [`compose-lint: ${lint.bin}`],
    };
  },
};
