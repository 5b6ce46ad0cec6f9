/**
 * The commands the docs tell users to run, run: every `npx compose-gate …` line in the code
 * blocks of the README, getting-started.md, ci.md and cli.md, in order, on a copy of the Busflow
 * example (with the BUILT CLI), and the hooks of .pre-commit-hooks.yaml. A flag or command the
 * CLI does not know exits 2.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "../cli/helpers.js";

const EXAMPLE = path.join(repoRoot, "examples/busflow");

/** `npx compose-gate …` command lines inside the fenced code blocks of a doc, as argument lists. */
function documentedCommands(doc: string): string[][] {
  const text = readFileSync(path.join(repoRoot, doc), "utf8");
  const blocks = [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  return blocks.flatMap((block) =>
    [...block.matchAll(/npx (?:--no -- )?compose-gate ([^\n#>]*)/g)].map((m) => m[1].trim().split(/\s+/)),
  );
}

/** A folder laid out as the guides assume: the example stack at the top and under examples/busflow/. */
function stackFolder(): string {
  const dir = workspace();
  mkdirSync(path.join(dir, "examples/busflow"), { recursive: true });
  for (const name of ["docker-compose.production.yml", "docker-compose.dev.yml"]) {
    copyFileSync(path.join(EXAMPLE, name), path.join(dir, "examples/busflow", name));
    copyFileSync(path.join(EXAMPLE, name), path.join(dir, name));
  }
  // The functions service's own code, which the codemod commands rewrite.
  for (const at of [dir, path.join(dir, "examples/busflow")]) cpSync(path.join(EXAMPLE, "functions"), path.join(at, "functions"), { recursive: true });
  // The multi-file example's names: a base file and a production override.
  copyFileSync(path.join(EXAMPLE, "docker-compose.dev.yml"), path.join(dir, "docker-compose.yml"));
  copyFileSync(path.join(EXAMPLE, "docker-compose.production.yml"), path.join(dir, "docker-compose.prod.yml"));
  copyFileSync(path.join(EXAMPLE, "docker-compose.production.yml"), path.join(dir, "compose.yml"));
  return dir;
}

describe("documented commands", () => {
  it.each(["docs/getting-started.md", "docs/ci.md", "docs/cli.md", "README.md"])("%s: every command runs", (doc) => {
    const commands = documentedCommands(doc);
    expect(commands.length).toBeGreaterThan(0);
    const dir = stackFolder();
    for (const args of commands) {
      const result = run(args, { cwd: dir, cli: BIN });
      expect(result.code, `compose-gate ${args.join(" ")}\n${result.stderr}`).not.toBe(2);
    }
  });

  it("getting-started.md: the walk-through ends with nothing left to change", () => {
    const dir = stackFolder();
    const results = documentedCommands("docs/getting-started.md").map((args) => ({ args, code: run(args, { cwd: dir, cli: BIN }).code }));
    const write = results.findIndex((r) => r.args.includes("--write"));
    expect(write).toBeGreaterThan(0);
    expect(results.find((r) => r.args[0] === "check")).toEqual({ args: ["check", "docker-compose.production.yml"], code: 1 });
    expect(results.slice(write + 1).find((r) => r.args.includes("--check"))?.code).toBe(0);
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parse(readFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), "utf8")) as {
    id: string;
    entry: string;
    files: string;
    language: string;
    pass_filenames: boolean;
  }[];

  it.each(hooks.map((h) => [h.id, h] as const))("%s runs the installed compose-gate on the configured stack", (_, hook) => {
    // `--`: without it npx reads the flags pre-commit appends from `args` as its own.
    expect(hook.entry).toMatch(/^npx --no -- compose-gate /);
    const dir = workspace({ "compose-gate.config.yaml": "files:\n  - docker-compose.production.yml\n" });
    copyFileSync(path.join(EXAMPLE, "docker-compose.production.yml"), path.join(dir, "docker-compose.production.yml"));
    const args = hook.entry.replace(/^npx --no -- compose-gate /, "").split(" ");
    const result = run(args, { cwd: dir, cli: BIN });
    expect(result.code, result.stderr).toBe(1); // the example's gate is open
    const withArgs = run([...args, "docker-compose.production.yml"], { cwd: dir, cli: BIN });
    expect(withArgs.code, withArgs.stderr).toBe(1);
  });

  it.each(hooks.map((h) => [h.id, h] as const))("%s triggers on compose files and the config only", (_, hook) => {
    const files = new RegExp(hook.files);
    for (const name of ["docker-compose.production.yml", "deploy/compose.yaml", "compose.prod.yml", "docker-stack.yml", "deploy/stack.prod.yaml", "compose-gate.config.yaml"]) {
      expect(files.test(name), name).toBe(true);
    }
    for (const name of ["README.md", "deploy/prometheus.yml", "docker-compose.production.yml.bak"]) expect(files.test(name), name).toBe(false);
    expect(hook.pass_filenames).toBe(false);
  });
});
