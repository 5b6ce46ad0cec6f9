/**
 * Runs every golden case under test/golden/<suite>/<case>/ through compose-gate/testing, the
 * harness users run their own transforms with (see src/testing/golden.ts for the layout). A
 * suite is named after the transform it exercises; a case may name other transforms or a
 * preset in options.json. UPDATE_GOLDEN=1 rewrites the expected files.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { getTransform, PRESETS, type Transform } from "compose-gate";
import { goldenSuite } from "compose-gate/testing";
import editScript from "./support/edit-script.js";
import { corpusDir, repoRoot } from "./_utils.js";

const goldenRoot = path.join(repoRoot, "test/golden");

function transformsFor(id: string): Transform[] {
  if (id === "edit-script") return [editScript as unknown as Transform];
  return (PRESETS[id] ?? [id]).map(getTransform);
}

// The codemod's goldens are source trees, not compose files; test/codemod/golden.test.ts runs them.
const suites = existsSync(goldenRoot)
  ? readdirSync(goldenRoot, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "codemod").map((e) => e.name).sort()
  : [];

for (const suite of suites) {
  goldenSuite({
    dir: path.join(goldenRoot, suite),
    corpusDir,
    transforms: (c) => (c.config.transforms ?? [suite]).flatMap(transformsFor),
  });
}
