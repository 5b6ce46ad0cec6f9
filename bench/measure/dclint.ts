/**
 * Optional comparison with dclint (docker-compose-linter), when it is installed in this
 * repository's node_modules or on PATH. Informational: it is a different tool doing
 * different checks; the row shows what a lint step costs either way.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { paired } from "../stats.js";
import { timedRow, times, unavailableRow } from "../table.js";
import { elevenKbFile, REPO, TMP } from "../workspace.js";
import { checkArgs, cli } from "./cli-run.js";
import type { Measurement } from "./types.js";

function findDclint(): string | undefined {
  const local = path.join(REPO, "node_modules/.bin/dclint");
  if (existsSync(local)) return local;
  const which = spawnSync("sh", ["-c", "command -v dclint"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

export const dclint: Measurement = {
  name: "dclint",
  run({ quick }) {
    const bin = findDclint();
    const label = "dclint, same 11 KB file (comparison)";
    if (!bin) return { rows: [unavailableRow(label, "n/a (dclint not installed)", "info")], notes: [] };
    const input = elevenKbFile().file;
    const run = () => spawnSync(bin, [input], { cwd: TMP, encoding: "utf8" });
    const p = paired(() => cli(checkArgs([input])), run, quick ? 3 : 7, 1);
    return {
      rows: [timedRow(label, p.subject, { ratio: `${times(p.ratio.median)} check`, target: "info", status: "info" })],
      notes: [],
    };
  },
};
