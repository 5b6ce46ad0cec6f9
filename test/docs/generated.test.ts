/**
 * The docs restate the code in generated blocks (scripts/docs/generated.ts): every
 * transform's options (names, types, defaults, descriptions from its zod schema), the
 * transform list, the check rules and the quoted example files. The committed text must be what
 * the code generates now.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DOCS_COMMAND, expectedDocs, headingAnchor } from "../../scripts/docs/generated.js";
import { RULES } from "../../src/checks/index.js";
import { PRESETS, TRANSFORMS } from "../../src/transforms/registry.js";
import { repoRoot } from "../_utils.js";

describe("generated docs", () => {
  it.each(expectedDocs(repoRoot).map((d) => [d.file, d] as const))("%s is up to date with the registries and the quoted examples", (file, doc) => {
    expect(doc.current, `${file} is out of date with the code: run \`${DOCS_COMMAND}\` and commit the result`).toBe(doc.expected);
  });

  it("goes stale when a transform's options change (control)", () => {
    const [first, ...rest] = TRANSFORMS;
    const changed = { ...first, options: first.options.extend({ retries: z.number().default(3).describe("How often to retry") }) };
    const docs = expectedDocs(repoRoot, { transforms: [changed, ...rest], presets: PRESETS, rules: RULES });
    const page = docs.find((d) => d.file === `docs/transforms/${first.id}.md`)!;
    expect(page.expected).not.toBe(page.current);
    expect(page.expected).toContain("| `retries` | `number` | `3` | How often to retry |");
  });

  it("has one page per transform and no page for a transform that does not exist", () => {
    const pages = readdirSync(path.join(repoRoot, "docs/transforms")).filter((f) => f.endsWith(".md")).map((f) => f.replace(/\.md$/, ""));
    expect(pages.sort()).toEqual(TRANSFORMS.map((t) => t.id).sort());
  });

  it("describes every check rule in a section of its own, and no rule that does not exist", () => {
    const text = readFileSync(path.join(repoRoot, "docs/checks.md"), "utf8");
    const sections = [...text.matchAll(/^### `([a-z]+\/[a-z0-9-]+)`$/gm)].map((m) => m[1]);
    expect(sections.sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(headingAnchor("`gate/minio`")).toBe("gateminio"); // the anchors the generated table links to
  });
});
