/**
 * Roles from file names (#16 item 1): which compose files a search treats as production, which
 * one is its companion, and which ones it leaves alone. Unit level; the CLI runs are in
 * folder.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { electStacks, companionsFor } from "../../src/cli/folder-roles.js";
import { roleByName } from "../../src/cli/roles.js";

const root = mkdtempSync(path.join(os.tmpdir(), "compose-gate-roles-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
/** A folder with `files` (name → text); returns absolute paths, sorted. */
function folder(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = path.join(root, String(count++));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, paths: Object.keys(files).map((f) => path.join(dir, f)).sort() };
}

const STANDALONE = "services:\n  web:\n    image: nginx:1.27\n";
const OVERLAY = "services:\n  web:\n    deploy:\n      replicas: 2\n";

describe("roleByName", () => {
  it.each([
    ["docker-compose.production.yml", "production"],
    ["docker-compose.prod.yml", "production"],
    ["compose.prod-eu.yaml", "production"],
    ["docker-stack.yml", "production"],
    ["stack.yml", "production"],
    ["docker-compose.yml", "base"],
    ["compose.yaml", "base"],
    ["docker-compose.dev.yml", "not-production"],
    ["docker-compose.override.yml", "not-production"],
    ["compose.local.yaml", "not-production"],
    ["docker-compose-preview.yml", "not-production"],
    ["docker-compose.test.yml", "not-production"],
    ["docker-compose.ci.yml", "not-production"],
    ["docker-compose.staging.yml", "not-production"],
    ["docker-compose.prod.override.yml", "not-production"],
    ["stack.dev.yml", "not-production"],
    ["docker-compose.observability.yml", "observability"],
    ["docker-compose.monitoring.prod.yml", "observability"],
    ["compose.monitoring.dev.yaml", "not-production"],
    ["compose-gate.config.yaml", "config"],
    ["compose-gate.config.yml", "config"],
    ["docker-compose.traefik.yml", "other"],
    ["docker-compose.products.yml", "other"],
    ["stackdriver.yml", "other"],
    ["base.yml", "other"],
  ])("%s is %s", (name, role) => {
    expect(roleByName(`/x/${name}`).role).toBe(role);
  });
});

describe("electStacks: one folder", () => {
  it("production + observability + dev (the Busflow layout): production, with the observability file as companion", () => {
    const { dir, paths } = folder({
      "docker-compose.production.yml": STANDALONE,
      "docker-compose.observability.yml": STANDALONE,
      "docker-compose.dev.yml": STANDALONE,
    });
    const e = electStacks(paths, dir);
    expect(e.errors).toEqual([]);
    expect(e.stacks).toEqual([
      { files: [path.join(dir, "docker-compose.production.yml")], production: path.join(dir, "docker-compose.production.yml"), companions: { observability: path.join(dir, "docker-compose.observability.yml") } },
    ]);
    expect(e.observability).toEqual([path.join(dir, "docker-compose.observability.yml")]);
    expect(Object.fromEntries(e.roles.map((r) => [path.basename(r.file), r.role]))).toEqual({
      "docker-compose.production.yml": "production",
      "docker-compose.observability.yml": "observability",
      "docker-compose.dev.yml": "not-production",
    });
  });

  it("a plain compose file alone is production; with an override next to it, still the only one", () => {
    const alone = folder({ "docker-compose.yml": STANDALONE, "docker-compose.override.yml": OVERLAY });
    expect(electStacks(alone.paths, alone.dir).stacks.map((s) => s.files.map((f) => path.basename(f)))).toEqual([["docker-compose.yml"]]);
  });

  it("a production file that cannot run alone is applied on the plain file (-f base -f prod), editing only the production file", () => {
    const { dir, paths } = folder({ "compose.yaml": STANDALONE, "compose.production.yaml": OVERLAY });
    const e = electStacks(paths, dir);
    expect(e.stacks.map((s) => s.files.map((f) => path.basename(f)))).toEqual([["compose.yaml", "compose.production.yaml"]]);
    expect(path.basename(e.stacks[0].production)).toBe("compose.production.yaml");
    expect(e.roles.find((r) => r.file.endsWith("compose.yaml"))?.role).toBe("base");
  });

  it("a production file that runs alone leaves the plain file out (a dev base next to a production stack)", () => {
    const { dir, paths } = folder({ "docker-compose.yml": STANDALONE, "docker-compose.prod.yml": STANDALONE });
    const e = electStacks(paths, dir);
    expect(e.stacks.map((s) => s.files.map((f) => path.basename(f)))).toEqual([["docker-compose.prod.yml"]]);
    expect(e.roles.find((r) => r.file.endsWith("docker-compose.yml"))).toMatchObject({ role: "other", reason: expect.stringContaining("docker-compose.prod.yml is named for production") });
  });

  it("two production candidates are an error listing both, and neither is used", () => {
    const { dir, paths } = folder({ "docker-compose.prod.yml": STANDALONE, "docker-stack.yml": STANDALONE, "docker-compose.dev.yml": STANDALONE });
    const e = electStacks(paths, dir);
    expect(e.stacks).toEqual([]);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toContain("more than one production candidate: docker-compose.prod.yml, docker-stack.yml");
    expect(e.errors[0]).not.toContain("dev");
  });

  it("compose.yaml and docker-compose.yml side by side with nothing named for production is ambiguous", () => {
    const { dir, paths } = folder({ "compose.yaml": STANDALONE, "docker-compose.yml": STANDALONE });
    expect(electStacks(paths, dir).errors[0]).toContain("more than one production candidate: compose.yaml, docker-compose.yml");
  });

  it("the config file is never a stack, even where it is the only compose-like name", () => {
    const { dir, paths } = folder({ "compose-gate.config.yaml": "preset: pre-first-client\n" });
    const e = electStacks(paths, dir);
    expect(e.stacks).toEqual([]);
    expect(e.roles).toEqual([{ file: paths[0], role: "config", reason: "compose-gate's config file, never a stack" }]);
  });

  it("two observability files: neither is a companion", () => {
    const { dir, paths } = folder({ "stack.yml": STANDALONE, "stack.monitoring.yml": STANDALONE, "stack.observability.yml": STANDALONE });
    const e = electStacks(paths, dir);
    expect(e.stacks[0].companions).toEqual({});
    expect(e.observability).toHaveLength(2);
  });
});

describe("electStacks: a search over folders", () => {
  it("a plain compose file is not production when another folder has a file named for production (a dev file at the root)", () => {
    const { dir, paths } = folder({ "docker-compose.yml": STANDALONE, "deploy/docker-compose.production.yml": STANDALONE });
    const e = electStacks(paths, dir);
    expect(e.stacks.map((s) => s.production)).toEqual([path.join(dir, "deploy/docker-compose.production.yml")]);
    expect(e.roles.find((r) => r.file === path.join(dir, "docker-compose.yml"))?.role).toBe("other");
  });

  it("folders of plain compose files are one stack each", () => {
    const { dir, paths } = folder({ "a/docker-compose.yml": STANDALONE, "b/compose.yaml": STANDALONE });
    expect(electStacks(paths, dir).stacks).toHaveLength(2);
  });
});

describe("companionsFor: a file named on its own", () => {
  it("a named production file gets the observability file next to it", () => {
    const { dir } = folder({ "docker-compose.production.yml": STANDALONE, "docker-compose.observability.yml": STANDALONE, "docker-compose.dev.yml": STANDALONE });
    expect(companionsFor(path.join(dir, "docker-compose.production.yml"), dir).companions).toEqual({ observability: path.join(dir, "docker-compose.observability.yml") });
  });

  it("naming the production file settles a folder with several candidates", () => {
    const { dir } = folder({ "docker-compose.production.yml": STANDALONE, "docker-compose.prod.yml": STANDALONE, "docker-compose.observability.yml": STANDALONE });
    expect(companionsFor(path.join(dir, "docker-compose.prod.yml"), dir).companions).toEqual({ observability: path.join(dir, "docker-compose.observability.yml") });
  });

  it("a lone plain compose file named on its own is production and gets it; one beside a production file does not", () => {
    const lone = folder({ "compose.yaml": STANDALONE, "compose.monitoring.yaml": STANDALONE });
    expect(companionsFor(path.join(lone.dir, "compose.yaml"), lone.dir).companions).toEqual({ observability: path.join(lone.dir, "compose.monitoring.yaml") });
    const beside = folder({ "compose.yaml": STANDALONE, "compose.prod.yaml": STANDALONE, "compose.monitoring.yaml": STANDALONE });
    expect(companionsFor(path.join(beside.dir, "compose.yaml"), beside.dir).companions).toEqual({});
  });

  it("a named dev file does not", () => {
    const { dir } = folder({ "docker-compose.production.yml": STANDALONE, "docker-compose.observability.yml": STANDALONE, "docker-compose.dev.yml": STANDALONE });
    expect(companionsFor(path.join(dir, "docker-compose.dev.yml"), dir).companions).toEqual({});
  });
});
