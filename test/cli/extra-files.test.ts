/**
 * Extra files beyond the stack's folder and files kept current: a workflow goes under the
 * repository root (the folder holding `.git`, else the stack's folder), and a file a transform
 * read and rewrote is replaced only while it still holds what was read.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { read, run, workspace } from "./helpers.js";

const STACK = "services:\n  web:\n    image: nginx:1.27\n";

describe("extra files outside the stack's folder and kept current", () => {
  it("puts a repository file under the folder holding .git, and the stack's file next to the stack", () => {
    const dir = workspace({ "deploy/compose.yml": STACK });
    mkdirSync(path.join(dir, ".git"));
    const r = run(["transform", "--only", "test-notes", "deploy/compose.yml", "--write"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, ".github/workflows/notes.yml")).toBe("on: push\n");
    expect(read(dir, "deploy/NOTES.md")).toBe("# Notes\nservices: web\n");
  });

  it("uses the stack's folder when no repository holds it", () => {
    const dir = workspace({ "deploy/compose.yml": STACK });
    const r = run(["transform", "--only", "test-notes", "deploy/compose.yml", "--write"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, "deploy/.github/workflows/notes.yml")).toBe("on: push\n");
  });

  it("rewrites a file it read, keeping the user's lines, then has nothing to change", () => {
    const dir = workspace({ "compose.yml": STACK, "NOTES.md": "# Notes\nservices: old\nMy own line.\n" });
    const first = run(["transform", "--only", "test-notes", "compose.yml", "--write"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("-services: old\n+services: web\n My own line.");
    expect(read(dir, "NOTES.md")).toBe("# Notes\nservices: web\nMy own line.\n");
    const again = run(["transform", "--only", "test-notes", "compose.yml", "--check"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
  });

  it("never overwrites a file that changed after it was read", () => {
    const dir = workspace({ "compose.yml": STACK, "NOTES.md": "# Notes\nservices: old\n" });
    // The preload edits NOTES.md when compose-gate creates its first temp file.
    const preload = path.join(dir, "edit.cjs");
    writeFileSync(
      preload,
      `const fs = require("node:fs"); const open = fs.openSync; let done = false;
fs.openSync = function (p, ...rest) { if (!done && String(p).includes(".compose-gate-")) { done = true; fs.writeFileSync(${JSON.stringify(path.join(dir, "NOTES.md"))}, "mine\\n"); } return open.call(this, p, ...rest); };`,
    );
    const r = run(["transform", "--only", "test-notes", "compose.yml", "--write"], { cwd: dir, nodeArgs: ["--require", preload] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("NOTES.md: changed on disk since compose-gate read it; nothing was written");
    expect(read(dir, "NOTES.md")).toBe("mine\n");
  });
});
