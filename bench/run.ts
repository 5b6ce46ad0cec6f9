/**
 * `npm run bench`: how fast compose-gate is, against the targets in docs/performance.md.
 *
 *   tsx bench/run.ts [--quick] [--strict] [--only NAME,...]
 *
 * Inputs are generated into .bench-tmp/ (git-ignored); nothing goes over the network. Prints
 * one table. Exits 0 unless --strict is given and a target failed: timings on a shared machine
 * are informational by default, a gate only when asked for.
 */
import os from "node:os";
import { batch } from "./measure/batch.js";
import { bounds } from "./measure/bounds.js";
import { CliFailure } from "./measure/cli-run.js";
import { codemod } from "./measure/codemod.js";
import { composeLintRow } from "./measure/compose-lint.js";
import { coldCli } from "./measure/cold-cli.js";
import { dclint } from "./measure/dclint.js";
import { imports } from "./measure/imports.js";
import { throughput } from "./measure/throughput.js";
import type { Measurement, Settings } from "./measure/types.js";
import { renderTable, unavailableRow, type Row } from "./table.js";
import { freshWorkspace } from "./workspace.js";

const MEASUREMENTS: Measurement[] = [coldCli, batch, composeLintRow, throughput, bounds, imports, codemod, dclint];

function parseArgs(argv: string[]): Settings & { strict: boolean; only?: string[] } {
  const known = new Set(["--quick", "--strict", "--only"]);
  for (const a of argv) {
    if (a.startsWith("--") && !known.has(a.split("=")[0])) throw new Error(`unknown option ${a} (known: ${[...known].join(", ")})`);
  }
  const onlyAt = argv.findIndex((a) => a === "--only" || a.startsWith("--only="));
  const onlyValue = onlyAt < 0 ? undefined : argv[onlyAt].includes("=") ? argv[onlyAt].split("=")[1] : argv[onlyAt + 1];
  return { quick: argv.includes("--quick"), strict: argv.includes("--strict"), only: onlyValue?.split(",") };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function main(): Promise<number> {
  const settings = parseArgs(process.argv.slice(2));
  const selected = MEASUREMENTS.filter((m) => !settings.only || settings.only.includes(m.name));
  if (selected.length === 0) throw new Error(`--only names none of: ${MEASUREMENTS.map((m) => m.name).join(", ")}`);
  freshWorkspace();
  const loadBefore = load();
  const started = new Date();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const m of selected) {
    process.stderr.write(`bench: ${m.name}…\n`);
    try {
      const result = await m.run(settings);
      rows.push(...result.rows);
      notes.push(...result.notes);
    } catch (error) {
      if (!(error instanceof CliFailure)) throw error;
      rows.push({ ...unavailableRow(m.name, "could not run", ""), status: "FAIL" });
      notes.push(error.message);
    }
  }
  const cpus = os.cpus();
  console.log(`compose-gate bench — ${started.toISOString()} — Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${os.platform()}`);
  console.log(`load average (1/5/15 min): ${loadBefore} before, ${load()} after${settings.quick ? " — quick run, fewer samples" : ""}\n`);
  console.log(renderTable(rows));
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);
  const failed = rows.filter((r) => r.status === "FAIL");
  console.log(`\n${failed.length === 0 ? "all targets met" : `${failed.length} target(s) missed: ${failed.map((r) => r.measurement).join("; ")}`}`);
  return settings.strict && failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
