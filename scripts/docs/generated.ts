/**
 * The parts of docs/ that restate the code — each transform's options, the transform list and
 * the check rules — rendered from the registries into marked blocks, so the docs cannot drift
 * from what compose-gate validates; and the runnable examples, quoted whole, so the code a page
 * shows is the code the tests run. `npm run docs:options` rewrites the blocks, and
 * test/docs/generated.test.ts fails while the committed text differs.
 *
 *     <!-- BEGIN generated:options (npm run docs:options) -->
 *     …
 *     <!-- END generated:options -->
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { RULES, type CheckRule } from "../../src/checks/index.js";
import { optionDocs } from "../../src/cli/option-docs.js";
import { PRESETS, TRANSFORMS } from "../../src/transforms/registry.js";
import type { Transform } from "../../src/transforms/types.js";

export const DOCS_COMMAND = "npm run docs:options";
const DEFAULT_PRESET = "pre-first-client";

export interface Registries {
  transforms: readonly Transform[];
  presets: Record<string, readonly string[]>;
  rules: readonly CheckRule[];
}

const SHIPPED: Registries = { transforms: TRANSFORMS, presets: PRESETS, rules: RULES };

/** Example files quoted whole, by the page that quotes them. */
export const QUOTED_EXAMPLES: Record<string, string[]> = {
  "docs/api.md": ["examples/api/edit-a-file.mjs", "examples/api/diff-busflow.mjs", "examples/api/check-busflow.mjs", "examples/api/codemod-busflow.mjs"],
  "docs/writing-a-transform.md": ["examples/custom-transform/restart-policy.ts", "examples/custom-transform/restart-policy.test.ts"],
};

/** Every generated block, by docs file (relative to the repository root) and block name. */
export function generatedBlocks(root: string, registries: Registries = SHIPPED): Map<string, Record<string, string>> {
  const files = new Map<string, Record<string, string>>();
  for (const t of registries.transforms) files.set(transformPage(t.id), { options: optionsTable(t) });
  files.set("docs/transforms.md", { transforms: transformList(registries) });
  files.set("docs/checks.md", { rules: ruleList(registries.rules) });
  for (const [page, examples] of Object.entries(QUOTED_EXAMPLES)) {
    files.set(page, Object.fromEntries(examples.map((file) => [`file:${file}`, quote(root, file)])));
  }
  return files;
}

export const transformPage = (id: string) => `docs/transforms/${id}.md`;

/** GitHub's anchor for a heading such as "### `gate/minio`". */
export const headingAnchor = (heading: string) =>
  heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

/** `text` with each named block replaced; throws when a block's markers are missing or unknown. */
export function fillBlocks(file: string, text: string, blocks: Record<string, string>): string {
  const found = [...text.matchAll(/<!-- BEGIN generated:(\S+)/g)].map((m) => m[1]);
  const unknown = found.filter((name) => !(name in blocks));
  if (unknown.length) throw new Error(`${file}: unknown generated block(s) ${unknown.join(", ")}`);
  let out = text;
  for (const [name, content] of Object.entries(blocks)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(<!-- BEGIN generated:${escaped} [^\\n]*-->\\n)[\\s\\S]*?(<!-- END generated:${escaped} -->)`);
    if (!pattern.test(out)) {
      throw new Error(`${file}: missing <!-- BEGIN generated:${name} (${DOCS_COMMAND}) --> … <!-- END generated:${name} -->`);
    }
    out = out.replace(pattern, (_, begin: string, end: string) => `${begin}${content}${end}`);
  }
  return out;
}

/** Each docs file that has generated blocks: its committed text and the text it should have. */
export function expectedDocs(root: string, registries: Registries = SHIPPED): { file: string; current: string; expected: string }[] {
  return [...generatedBlocks(root, registries)].map(([file, blocks]) => {
    const current = readFileSync(path.join(root, file), "utf8");
    return { file, current, expected: fillBlocks(file, current, blocks) };
  });
}

/** A file as a fenced code block, headed by its path. */
function quote(root: string, file: string): string {
  const text = readFileSync(path.join(root, file), "utf8");
  const lang = file.endsWith(".ts") ? "ts" : "js";
  return `\`${file}\`:\n\n\`\`\`${lang}\n${text.endsWith("\n") ? text : `${text}\n`}\`\`\`\n`;
}

function optionsTable(t: Transform): string {
  const rows = optionDocs(t.options).map((o) =>
    row([code(o.name), code(o.type), o.default === undefined ? "—" : code(o.default), prose(o.description)]),
  );
  return table(["option", "type", "default", "description"], rows);
}

function transformList({ transforms, presets }: Registries): string {
  const preset = presets[DEFAULT_PRESET] ?? [];
  const ordered = [...transforms].sort((a, b) => rank(preset, a.id) - rank(preset, b.id));
  const rows = ordered.map((t) => {
    const order = preset.includes(t.id) ? String(preset.indexOf(t.id) + 1) : "—";
    const closes = t.closes ? `[${code(t.closes)}](checks.md#${headingAnchor(code(t.closes))})` : "—";
    return row([order, `[${code(t.id)}](${path.posix.relative("docs", transformPage(t.id))})`, closes, prose(t.summary)]);
  });
  return table([`${DEFAULT_PRESET} order`, "transform", "closes", "what it does"], rows);
}

function ruleList(rules: readonly CheckRule[]): string {
  const rows = rules.map((r) =>
    row([`[${code(r.id)}](#${headingAnchor(code(r.id))})`, r.severity, r.fix ? code(r.fix) : "—", prose(r.summary)]),
  );
  return table(["rule", "severity", "fix", "summary"], rows);
}

const rank = (preset: readonly string[], id: string) => (preset.includes(id) ? preset.indexOf(id) : preset.length);
const table = (head: string[], rows: string[]) => [row(head), row(head.map(() => "---")), ...rows].join("");
const row = (cells: string[]) => `| ${cells.join(" | ")} |\n`;
/** A code span; a pipe is escaped because GitHub splits table cells on it even inside code. */
const code = (text: string) => `\`${text.replace(/\|/g, "\\|")}\``;

/** Schema text as a table cell: pipes escaped, and `<name>` outside code spans kept visible (not read as HTML). */
function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;")))
    .join("")
    .replace(/\|/g, "\\|");
}
