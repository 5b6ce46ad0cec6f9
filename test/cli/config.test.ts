/**
 * Config loading in-process: where it is found, the four file formats and package.json, and
 * errors that name the file, position, key and allowed values.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "compose-gate-config-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

async function error(cwd: string, explicit?: string): Promise<string> {
  try {
    await loadConfig(cwd, explicit);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("config: finding it", () => {
  it("searches upward from the working directory and resolves against the config's folder", async () => {
    const root = tree({ "compose-gate.config.yml": "preset: pre-first-client\n", "a/b/.keep": "", ".git/HEAD": "" });
    const loaded = await loadConfig(path.join(root, "a/b"));
    expect(loaded.file).toBe(path.join(root, "compose-gate.config.yml"));
    expect(loaded.dir).toBe(root);
    expect(loaded.config).toEqual({ preset: "pre-first-client" });
  });

  it("is empty without a config", async () => {
    const root = tree({ ".keep": "" });
    expect((await loadConfig(root)).file).toBeNull();
  });

  it("reads JSON, YAML, .mjs and the compose-gate key of package.json", async () => {
    const cases: Record<string, string> = {
      "compose-gate.config.json": '{ "only": ["a"] }',
      "compose-gate.config.yaml": "only: [a]\n",
      "compose-gate.config.mjs": 'export default { only: ["a"] };\n',
      "package.json": '{ "name": "x", "compose-gate": { "only": ["a"] } }',
    };
    for (const [name, content] of Object.entries(cases)) {
      const root = tree({ [name]: content });
      expect((await loadConfig(root)).config, name).toEqual({ only: ["a"] });
    }
  });

  it("ignores a package.json without the key and keeps searching", async () => {
    const root = tree({ "compose-gate.config.json": '{ "skip": ["b"] }', "app/package.json": '{ "name": "app" }', ".git/HEAD": "" });
    expect((await loadConfig(path.join(root, "app"))).config).toEqual({ skip: ["b"] });
  });

  it("refuses two configs in one folder instead of picking one", async () => {
    const root = tree({ "compose-gate.config.json": "{}", "compose-gate.config.yaml": "{}\n" });
    expect(await error(root)).toContain("more than one config (compose-gate.config.json, compose-gate.config.yaml); keep one");
  });

  it("reports an explicit --config that does not exist", async () => {
    const root = tree({ ".keep": "" });
    expect(await error(root, "nope.json")).toBe("nope.json: config file not found");
  });
});

describe("config: errors name the file, position, key and what is allowed", () => {
  it("unknown keys, with the keys allowed there", async () => {
    const root = tree({ "compose-gate.config.yaml": "only: [a]\ncheck:\n  failon: error\nfiels: []\n" });
    const message = await error(root);
    expect(message).toContain("compose-gate.config.yaml:3:3: check.failon: unknown key (allowed: failOn, format, rules, suppressions)");
    expect(message).toContain("compose-gate.config.yaml:4:1: fiels: unknown key (allowed: files, preset, only, skip, checklist, transforms, check)");
  });

  it("bad enum values, with the values allowed", async () => {
    const root = tree({ "compose-gate.config.json": '{\n  "check": { "format": "xml" }\n}' });
    expect(await error(root)).toContain('compose-gate.config.json:2:14: check.format: Invalid option: expected one of "stylish"|"json"|"sarif"|"github"');
  });

  it("wrong shapes in files entries", async () => {
    const root = tree({ "compose-gate.config.json": '{ "files": [3] }' });
    expect(await error(root)).toContain("files.0: expected a path, a glob, or { files: [...], edit?: [...], observability?: ... } for a multi-file project");
  });

  it("syntax errors in JSON and YAML", async () => {
    expect(await error(tree({ "compose-gate.config.json": '{\n  "only": [a]\n}' }))).toMatch(/^compose-gate\.config\.json:2:\d+: invalid JSON/);
    expect(await error(tree({ "compose-gate.config.yaml": "only: [a\n" }))).toMatch(/^compose-gate\.config\.yaml:\d+:\d+: /);
  });

  it("an .mjs config that throws or exports nothing", async () => {
    expect(await error(tree({ "compose-gate.config.mjs": "throw new Error('nope');\n" }))).toBe("compose-gate.config.mjs: could not be loaded (nope)");
    expect(await error(tree({ "compose-gate.config.mjs": "export const x = 1;\n" }))).toContain("must `export default` the config object");
  });

  it("package.json errors point into the compose-gate key", async () => {
    const root = tree({ "package.json": '{\n  "name": "x",\n  "compose-gate": {\n    "prest": "a"\n  }\n}' });
    expect(await error(root)).toContain("package.json:4:5: prest: unknown key");
  });
});
