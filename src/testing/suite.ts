/**
 * Golden cases as vitest tests: one `describe` per case folder tree, three tests per case —
 * the golden files match byte for byte, a second run changes nothing, and CRLF and BOM
 * variants of the input behave the same. vitest is imported here and only here, so the
 * package's main entry never needs it (it is an optional peer dependency).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../document/compose-document.js";
import type { Transform } from "../transforms/types.js";
import { afterRun, listCases, loadCase, readExpected, runCase, toCRLF, visible, withBOM, writeExpected, type GoldenCase } from "./golden.js";

export interface GoldenSuiteOptions {
  /** The folder holding one folder per case (a path, or a `file:` URL such as `new URL("./golden", import.meta.url)`). */
  dir: string | URL;
  /** The transforms every case runs, or a function choosing them per case (e.g. from `options.json`'s `transforms`). */
  transforms: readonly Transform[] | ((c: GoldenCase) => readonly Transform[] | Promise<readonly Transform[]>);
  /** Rewrite the expected files from the actual run instead of only comparing. Default: `UPDATE_GOLDEN=1` in the environment. */
  update?: boolean;
  /** Where cases that name `corpus` files read them; such cases are skipped when it is absent. */
  corpusDir?: string;
  /** Name of the `describe` block. Default: `golden: <folder name>`. */
  name?: string;
}

/** Register the golden tests of every case folder under `options.dir`. Call it at the top level of a test file. */
export function goldenSuite(options: GoldenSuiteOptions): void {
  const root = typeof options.dir === "string" ? options.dir : fileURLToPath(options.dir);
  const update = options.update ?? process.env.UPDATE_GOLDEN === "1";
  describe(options.name ?? `golden: ${path.basename(root)}`, async () => {
    for (const dir of listCases(root)) {
      const c = loadCase(dir, options.corpusDir);
      if (!c) {
        it.skip(`${path.basename(dir)} (corpus not found at ${options.corpusDir ?? "(no corpusDir given)"})`, () => {});
        continue;
      }
      const transforms = [...(typeof options.transforms === "function" ? await options.transforms(c) : options.transforms)];
      registerCase(c, transforms, update);
    }
  });
}

function registerCase(c: GoldenCase, transforms: Transform[], update: boolean): void {
  it(`${c.name}: matches the golden files`, () => {
    for (const input of c.inputs) expect(parseCompose(input.text).toString() === input.text, `${input.path} round-trips`).toBe(true);
    const actual = runCase(c, transforms);
    if (update) writeExpected(c, actual);
    const expected = readExpected(c);
    expect(visible(actual.patch)).toBe(visible(expected.patch));
    expect(actual.findings).toBe(expected.findings);
    if (!c.fromCorpus) {
      expect([...actual.outputs.keys()].sort()).toEqual([...expected.outputs.keys()].sort());
      for (const [file, text] of expected.outputs) expect(visible(actual.outputs.get(file) ?? ""), file).toBe(visible(text));
    }
    for (const f of actual.result.files) parseCompose(f.after, { filename: f.path });
  });

  it(`${c.name}: a second run changes nothing`, () => {
    const first = runCase(c, transforms);
    const again = runCase(c, transforms, afterRun(c, first));
    for (const f of again.result.files) expect(visible(f.after), f.path).toBe(visible(f.before));
    expect(again.patch, "the second run's patch").toBe("");
  });

  it(`${c.name}: CRLF and BOM inputs behave the same`, () => {
    const base = runCase(c, transforms);
    for (const [variant, convert] of [["CRLF", toCRLF], ["BOM", withBOM]] as const) {
      const run = runCase(c, transforms, {
        inputs: c.inputs.map((i) => ({ path: i.path, text: convert(i.text) })),
        companions: c.companions.map((i) => ({ ...i, text: convert(i.text) })),
      });
      run.result.files.forEach((f, i) => {
        expect(visible(f.after), `${variant} ${f.path}`).toBe(visible(convert(base.result.files[i].after)));
      });
    }
  });
}
