/**
 * The app-code codemod, end to end: `compose-gate codemod secrets --vars A,B --src DIR` over
 * 2 000 TypeScript files of which 200 read the variables.
 */
import { repeat } from "../stats.js";
import { pass, timedRow, unavailableRow } from "../table.js";
import { sourceDir } from "../workspace.js";
import { cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

const FILES = 2000;
const READERS = 200;
const VARS = ["BENCH_DB_PASSWORD", "BENCH_API_KEY"];
const LABEL = `codemod secrets: ${FILES} TS files, ${READERS} readers`;
const TARGET = "≤ 1.5 s";

export const codemod: Measurement = {
  name: "codemod",
  run({ quick }) {
    const dir = sourceDir(FILES, READERS, VARS);
    const args = ["codemod", "secrets", "--vars", VARS.join(","), "--src", dir];
    const first = cli(args);
    if (first.status !== 0 && first.status !== 1) {
      return { rows: [unavailableRow(LABEL, `failed: exit ${first.status}`, TARGET)], notes: [first.stderr.split("\n").slice(0, 5).join("\n")] };
    }
    const changed = (first.stdout.match(/^diff --git /gm) ?? []).length;
    const summary = repeat(() => cli(args), quick ? 2 : 5, 0);
    return {
      rows: [timedRow(LABEL, summary, { target: TARGET, status: pass(summary.median <= 1500) })],
      // The readers, plus the helper module the codemod generates once.
      notes: [`codemod: ${changed} files in its diff (expected ${READERS + 1}: ${READERS} readers and the helper)`],
    };
  },
};
