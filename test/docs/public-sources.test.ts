/**
 * User-facing text cites only public sources or compose-gate's own docs (#16 item 7): `explain`
 * and the docs cited files users do not have (`src/secrets/detect.ts`, a research note's
 * "domain.md §2", its source keys such as "(DD)"). Scanned here: every doc page and the README,
 * every check rule's summary and description, every transform option's description, and what
 * `explain` prints for each transform (its example run's findings included).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/checks/index.js";
import { TRANSFORMS } from "../../src/transforms/registry.js";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "../cli/helpers.js";

/** Each pattern with what it catches. */
const FORBIDDEN: [RegExp, string][] = [
  [/\/work\/shared|shared\/research/, "a path on the machine compose-gate was developed on"],
  [/\b(domain|anchors-compose|anchors-codemod|toolchain|day2-ops)\.md\b|anchors-compose|anchors-codemod/, "a research note users do not have"],
  [/§\s?\d/, "a section number of a research note"],
  [/\((?:DD|DL|CS|PE|NE|APA|EB|PL|TB|HS|MC|MLTP|NIX|NX-[A-Z]+)\b[^)]*\)|\b(?:DD|DL|CS|PE|NE|APA|EB|PL|TB|MLTP|NIX|NX-[A-Z]+) [@`]/, "a source key of a research note"],
  [/\bsrc\/(?:secrets|checks|transforms|schema|document|cli|interpolation)\/[\w/-]+\.ts\b/, "a file of compose-gate's source tree (not in the package)"],
];

function problems(text: string): string[] {
  return FORBIDDEN.flatMap(([pattern, what]) => {
    const m = pattern.exec(text);
    return m ? [`${what}: "${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20)}"`] : [];
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : [],
  );
}

/** Every `.describe()` text of a zod schema, nested objects included. */
function descriptions(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, { description?: string; unwrap?: () => unknown }> }).shape ?? {};
  return Object.values(shape).flatMap((field) => [...(field.description ? [field.description] : []), ...descriptions(field.unwrap?.() ?? field)]);
}

describe("user-facing text cites only public sources or compose-gate's docs", () => {
  it.each(["README.md", ...markdownFiles("docs")])("%s", (file) => {
    expect(problems(readFileSync(path.join(repoRoot, file), "utf8"))).toEqual([]);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("check rule %s", (_, rule) => {
    expect(problems(`${rule.summary}\n${rule.description}`)).toEqual([]);
  });

  it.each(TRANSFORMS.map((t) => [t.id, t] as const))("transform %s: title, summary and option descriptions", (_, transform) => {
    const texts = [transform.title, transform.summary, ...descriptions(transform.options)];
    expect(texts.length).toBeGreaterThan(2);
    expect(problems(texts.join("\n"))).toEqual([]);
  });

  // A rule's explain prints its summary and description, scanned above; a transform's also
  // prints the findings of its example run.
  it("explain, for every transform", () => {
    const cwd = workspace();
    for (const id of TRANSFORMS.map((t) => t.id)) {
      const r = run(["explain", id], { cwd, cli: BIN });
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
      expect(problems(r.stdout), id).toEqual([]);
    }
  });

  it("catches what it is meant to (control)", () => {
    for (const bad of ["see /work/shared/research/domain.md", "(domain.md §2)", "mounted under /run/secrets (DD)", "(PE, §7.1)", "matched by src/secrets/detect.ts", "as EB `src/restore.sh` finds it"]) {
      expect(problems(bad), bad).not.toEqual([]);
    }
    expect(problems("Cloudflare R2 (https://developers.cloudflare.com/r2/), `docker stack deploy`, src/env.sh of postgres-backup-s3")).toEqual([]);
  });
});
