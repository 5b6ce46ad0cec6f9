/** Batch: one `compose-gate check` call over 60 compose files. */
import { repeat } from "../stats.js";
import { pass, timedRow } from "../table.js";
import { batchFiles } from "../workspace.js";
import { checkArgs, checkedCli, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

export const batch: Measurement = {
  name: "batch",
  run({ quick }) {
    const { files, label } = batchFiles(60);
    const first = checkedCli(checkArgs(files));
    const summary = repeat(() => cli(checkArgs(files)), quick ? 3 : 7);
    const stats = /(\d+) files?/.exec(first.stdout.split("\n").filter(Boolean).pop() ?? "")?.[0];
    return {
      rows: [timedRow(`batch: check, ${files.length} files in one call`, summary, { target: "≤ 1 s", status: pass(summary.median <= 1000) })],
      notes: [`batch input: ${label}${stats ? ` (the CLI reports ${stats})` : ""}`],
    };
  },
};
