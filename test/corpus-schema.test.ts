/**
 * Every real-world compose file in the shared corpus must validate exactly as recorded here.
 * A real file that fails means the schema is wrong, unless the file itself breaks the compose
 * spec, in which case the expected problem is listed below with the reason.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../src/document/compose-document.js";
import { validateCompose } from "../src/schema/index.js";
import { corpusDir } from "./_utils.js";

const CORPUS = corpusDir;

/**
 * Problems each file genuinely has, as `line:column message`. Files not listed must be valid.
 * None so far: every file in the corpus follows the spec, including the two overlay fragments
 * (netbox's override example, supabase's s3 overlay) whose services lack an image.
 */
const EXPECTED: Record<string, string[]> = {};

/** Compose files are the YAML files; the manifest and its notes describe them. */
function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((name) => /\.ya?ml(\.example)?$/.test(name))
    .sort();
}

function manifestFiles(): string[] {
  const manifest = path.join(CORPUS, "MANIFEST.tsv");
  if (!existsSync(manifest)) return [];
  const [, ...rows] = readFileSync(manifest, "utf8").trim().split("\n");
  return rows.map((row) => row.split("\t")[0]).sort();
}

describe("schema validation of the real-world corpus", () => {
  if (!existsSync(CORPUS)) {
    it.skip("corpus not available", () => {});
    return;
  }

  it("covers every file the manifest lists, including the .yml.example overlay", () => {
    const files = corpusFiles();
    expect(files).toContain("netbox-community__netbox-docker__docker-compose.override.yml.example");
    for (const listed of manifestFiles()) expect(files).toContain(listed);
  });

  it("lists expectations only for files that exist", () => {
    const files = corpusFiles();
    for (const name of Object.keys(EXPECTED)) expect(files).toContain(name);
  });

  for (const name of corpusFiles()) {
    it(name, () => {
      const doc = parseCompose(readFileSync(path.join(CORPUS, name), "utf8"), { filename: name });
      const problems = validateCompose(doc).map((p) => `${p.line}:${p.column} ${p.message}`);
      expect(problems).toEqual(EXPECTED[name] ?? []);
    });
  }
});
