/**
 * The folder search walks by hand instead of asking fast-glob: it must find exactly what
 * fast-glob finds for the compose file patterns with the shared search options.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { afterAll, describe, expect, it } from "vitest";
import { COMPOSE_FILE_PATTERNS, findComposeFiles } from "../../src/cli/discover.js";
import { SEARCH_OPTIONS } from "../../src/io/glob.js";

const root = mkdtempSync(path.join(os.tmpdir(), "compose-gate-discover-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILES = [
  "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "compose-x.yml", "compose.prod.yaml",
  "docker-compose.override.yml", "Docker-compose.yml", "compose.yml.bak", "composeyml", "compose.yaaml", "docker-compose.ml",
  "my-compose.yml", "compose.yml~", ".compose.yml", "sub/deeper/compose.yml", "sub/docker-compose.ci.yml",
  "docker-stack.yml", "stack.yaml", "sub/stack.prod.yml", "my-stack.yml", "compose-gate.config.yaml",
  ".hidden/compose.yml", "node_modules/pkg/compose.yml", "sub/node_modules/compose.yml", "other/compose.yml",
];

function tree(): string {
  const dir = path.join(root, "tree");
  for (const name of FILES) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), "services: {}\n");
  }
  mkdirSync(path.join(dir, "compose.dir.yml"));
  writeFileSync(path.join(dir, "compose.dir.yml/x"), "");
  symlinkSync("../other", path.join(dir, "sub/linked"));
  symlinkSync("..", path.join(dir, "sub/loop"));
  symlinkSync("other/compose.yml", path.join(dir, "compose.link.yml"));
  symlinkSync("nowhere", path.join(dir, "compose.dangling.yml"));
  return dir;
}

describe("findComposeFiles", () => {
  it("finds what fast-glob finds with the shared search options, sorted", () => {
    const dir = tree();
    const expected = fg
      .sync(COMPOSE_FILE_PATTERNS.map((p) => `**/${p}`), { ...SEARCH_OPTIONS, ignore: ["**/node_modules/**"], cwd: dir })
      .sort();
    expect(expected.length).toBeGreaterThan(8);
    expect(findComposeFiles(dir)).toEqual(expected);
    expect(findComposeFiles(path.relative(process.cwd(), dir))).toEqual(expected);
  });

  it("finds nothing in a folder that does not exist", () => {
    expect(findComposeFiles(path.join(root, "missing"))).toEqual([]);
  });
});
