/**
 * The document layer's modules import each other without a cycle, and import nothing from the
 * layers built on it (transforms, checks, the CLI). `compose-document.ts` and `environment.ts`
 * once imported each other; a cycle makes the load order decide which module sees the other
 * half-initialised, and ties the files so neither can be read or changed alone.
 *
 * The graph is read from the sources with a regular expression: every `import … from`,
 * `export … from` and `import(…)` of a relative path, type-only imports included (they tie
 * the files together just the same).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DOCUMENT = fileURLToPath(new URL("../../src/document/", import.meta.url));

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

const SPECIFIER = /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/gm;

/** Relative imports of one file, as absolute `.ts` paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1] ?? m[2])
    .filter((spec) => spec.startsWith("."))
    .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts"));
}

function importGraph(dir: string): Graph {
  return new Map(sourceFiles(dir).map((file) => [file, importsOf(file)]));
}

/** One cycle of the graph as a list of files (first = last), or undefined when there is none. */
function findCycle(graph: Graph): string[] | undefined {
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = stack.indexOf(file);
    if (at >= 0) return [...stack.slice(at), file];
    if (done.has(file)) return undefined;
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

const relative = (files: string[]) => files.map((f) => path.relative(DOCUMENT, f));

describe("src/document import graph", () => {
  const graph = importGraph(DOCUMENT);

  it("reads the imports it should (the check is not vacuous)", () => {
    const of = (file: string) => relative(graph.get(path.join(DOCUMENT, file)) ?? []);
    expect(graph.size).toBeGreaterThan(10);
    expect(of("compose-document.ts")).toContain("environment.ts");
    expect(of("environment.ts")).toContain("types.ts");
    expect(findCycle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual(["a", "b", "c", "a"]);
  });

  it("has no cycle", () => {
    const cycle = findCycle(graph);
    expect(cycle && relative(cycle).join(" → ")).toBeUndefined();
  });

  it("imports only its own modules: nothing from transforms, checks or the CLI", () => {
    const outside = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !target.startsWith(DOCUMENT)).map((target) => `${path.relative(DOCUMENT, file)} → ${path.relative(DOCUMENT, target)}`),
    );
    expect(outside).toEqual([]);
  });

  it("every relative import names a source file that exists", () => {
    const missing = [...graph.values()].flat().filter((target) => target.startsWith(DOCUMENT) && !graph.has(target));
    expect(relative(missing)).toEqual([]);
  });
});
