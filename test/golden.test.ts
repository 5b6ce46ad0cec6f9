/**
 * Runs every golden case under test/golden/<suite>/<case>/ (see src/testing/golden.ts for the
 * layout). A suite is named after the transform it exercises; a case may name other
 * transforms in options.json. UPDATE_GOLDEN=1 rewrites the expected files.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../src/document/compose-document.js";
import { listCases, loadCase, readExpected, runCase, toCRLF, withBOM, writeExpected } from "../src/testing/golden.js";
import type { Transform } from "../src/transforms/types.js";
import { corpusDir, repoRoot, visible } from "./_utils.js";

const goldenRoot = path.join(repoRoot, "test/golden");
const update = process.env.UPDATE_GOLDEN === "1";

async function loadTransform(id: string): Promise<Transform[]> {
  if (id === "edit-script") return [(await import("./support/edit-script.js")).default as Transform];
  if (existsSync(path.join(repoRoot, "src/transforms/registry.ts"))) {
    const registry = await import("../src/transforms/registry.js");
    const preset = registry.PRESETS?.[id];
    if (preset) return preset.map((t: string) => registry.getTransform(t));
  }
  const mod = await import(`../src/transforms/${id}.ts`);
  return [mod.default as Transform];
}

// The codemod's goldens are source trees, not compose files; test/codemod/golden.test.ts runs them.
const suites = existsSync(goldenRoot)
  ? readdirSync(goldenRoot, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "codemod").map((e) => e.name).sort()
  : [];

for (const suite of suites) {
  describe(`golden: ${suite}`, async () => {
    for (const dir of listCases(path.join(goldenRoot, suite))) {
      const c = loadCase(dir, corpusDir);
      if (!c) {
        it.skip(`${path.basename(dir)} (corpus not found at ${corpusDir})`, () => {});
        continue;
      }
      const ids = c.config.transforms ?? [suite];
      const transforms = (await Promise.all(ids.map(loadTransform))).flat();

      it(`${c.name}: matches the golden files`, () => {
        for (const input of c.inputs) expect(parseCompose(input.text).toString() === input.text).toBe(true);
        const actual = runCase(c, transforms);
        if (update) writeExpected(c, actual);
        const expected = readExpected(c);
        expect(visible(actual.patch)).toBe(visible(expected.patch));
        expect(actual.findings).toBe(expected.findings);
        if (!c.fromCorpus) {
          expect([...actual.outputs.keys()].sort()).toEqual([...expected.outputs.keys()].sort());
          for (const [file, text] of expected.outputs) expect(visible(actual.outputs.get(file) ?? "")).toBe(visible(text));
        }
        for (const f of actual.result.files) parseCompose(f.after, { filename: f.path });
      });

      it(`${c.name}: a second run changes nothing`, () => {
        const first = runCase(c, transforms);
        const again = runCase(c, transforms, first.result.files.map((f) => ({ path: f.path, text: f.after })));
        for (const f of again.result.files) expect(visible(f.after)).toBe(visible(f.before));
        const extras = new Map(first.result.extras.map((e) => [e.path, e.content]));
        for (const e of again.result.extras) expect(e.content).toBe(extras.get(e.path));
      });

      it(`${c.name}: CRLF and BOM inputs behave the same`, () => {
        const base = runCase(c, transforms);
        for (const [variant, convert] of [["CRLF", toCRLF], ["BOM", withBOM]] as const) {
          const run = runCase(c, transforms, c.inputs.map((i) => ({ path: i.path, text: convert(i.text) })));
          run.result.files.forEach((f, i) => {
            const expected = convert(base.result.files[i].after);
            expect(visible(f.after), `${variant} ${f.path}`).toBe(visible(expected));
          });
        }
      });
    }
  });
}
