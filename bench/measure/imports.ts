/**
 * What `transform` and `check` load, from the same load recorder the startup test uses
 * (test/cli/fixtures/record-loads.mjs): module and package counts, and proof that ts-morph
 * (and the TypeScript compiler under it) stays out. A positive control shows the recorder
 * does see ts-morph when it is loaded. The executable runs one bundled script (scripts/build-cli.ts)
 * that the recorder does not see as modules: what went into it comes from the build's list
 * (dist/cli-bundle/inputs.json), which must not hold the compiler either.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { runNode } from "../stats.js";
import { pass, type Row } from "../table.js";
import { elevenKbFile, REPO, TMP } from "../workspace.js";
import { checkArgs } from "./cli-run.js";
import type { Measurement } from "./types.js";

const RECORDER = path.join(REPO, "test/cli/fixtures/record-loads.mjs");
const CONTROL = path.join(REPO, "test/cli/fixtures/load-ts-morph.mjs");
const COMPILER = ["ts-morph", "@ts-morph/common", "typescript"];
const BUNDLE_INPUTS = path.join(REPO, "dist/cli-bundle/inputs.json");

interface Loads {
  modules: number;
  packages: Map<string, number>;
}

function count(files: Iterable<string>): Loads {
  const packages = new Map<string, number>();
  let modules = 0;
  for (const file of files) {
    if (file.startsWith("node:")) continue;
    modules++;
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.replace(/\\/g, "/"))?.[1] ?? "compose-gate";
    packages.set(name, (packages.get(name) ?? 0) + 1);
  }
  return { modules, packages };
}

function record(script: string, args: readonly string[]): Loads {
  const log = path.join(TMP, "loads.txt");
  rmSync(log, { force: true });
  runNode(["--import", RECORDER, script, ...args], TMP, { RECORD_LOADS_FILE: log });
  return count(new Set(readFileSync(log, "utf8").split("\n").filter((l) => l && !l.endsWith("record-loads-hooks.mjs"))));
}

const describe = (loads: Loads) =>
  [...loads.packages]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");

export const imports: Measurement = {
  name: "imports",
  run() {
    const input = elevenKbFile().file;
    const rows: Row[] = [];
    const notes: string[] = [];
    const control = record(CONTROL, []);
    const recorderWorks = control.packages.has("ts-morph");
    rows.push({
      measurement: "load trace: positive control (imports ts-morph)",
      median: `${control.modules} modules`,
      min: "",
      max: "",
      ratio: "",
      target: "sees ts-morph",
      status: pass(recorderWorks),
    });
    const bundle = count((JSON.parse(readFileSync(BUNDLE_INPUTS, "utf8")) as { inputs: string[] }).inputs);
    const bundled = COMPILER.filter((p) => bundle.packages.has(p));
    notes.push(`the CLI bundle holds ${bundle.modules} modules: ${describe(bundle)}${bundled.length ? ` — INCLUDING ${bundled.join(", ")}` : ""}`);
    for (const command of ["transform", "check"]) {
      const loads = record(path.join(REPO, "bin/compose-gate.js"), checkArgs([input], command));
      const compiler = [...bundled, ...COMPILER.filter((p) => loads.packages.has(p))];
      rows.push({
        measurement: `load trace: ${command} (modules loaded)`,
        median: `${loads.modules} modules + bundle`,
        min: "",
        max: "",
        ratio: "",
        target: "no ts-morph",
        status: pass(recorderWorks && compiler.length === 0),
      });
      notes.push(`${command} loads ${loads.modules} modules: ${describe(loads)}${compiler.length ? ` — INCLUDING ${compiler.join(", ")}` : ""}`);
    }
    return { rows, notes };
  },
};
