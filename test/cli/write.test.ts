/**
 * `--write` when the file system says no or the file changes underneath: exit 2, a message
 * naming the file, and no file of the stack changed. Tests run as root, for whom permission
 * bits do not stop a write, so read-only targets are made immutable with `chattr +i` (skipped
 * with a notice where the file system does not support it) and a concurrent edit is simulated
 * by a preload that edits the file when compose-gate creates its first temp file.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, linkSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { expectNoCanary, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";

const immutable: string[] = [];
afterEach(() => {
  for (const p of immutable.splice(0)) spawnSync("chattr", ["-i", p]);
});

/** Makes `target` immutable; false (with a notice) when this machine cannot. */
function makeImmutable(target: string): boolean {
  const r = spawnSync("chattr", ["+i", target], { encoding: "utf8" });
  if (r.status !== 0) {
    console.warn(`[compose-gate tests] chattr +i unavailable (${r.stderr?.trim() || r.error?.message}): read-only write test skipped`);
    return false;
  }
  immutable.push(target);
  return true;
}

const EDIT_AT_RENAME = path.join(repoRoot, "test/cli/fixtures/edit-at-rename.mjs");
const DISK_FULL = path.join(repoRoot, "test/cli/fixtures/disk-full.mjs");

const tempFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith(".compose-gate-"));

describe("compose-gate transform --write: failures leave every file as it was", () => {
  it("a read-only directory: exit 2, the file named, nothing written", () => {
    const dir = workspace({ "deploy/compose.yml": STACK });
    if (!makeImmutable(path.join(dir, "deploy"))) return;
    const r = run(["transform", "deploy/compose.yml", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error deploy/compose.yml: could not be written (EPERM: operation not permitted; is the file or its folder read-only or immutable?); nothing was written");
    expect(read(dir, "deploy/compose.yml")).toBe(STACK);
    expect(tempFiles(dir)).toEqual([]);
    expectNoStackTrace(r.stderr);
    expectNoCanary(r.stdout, r.stderr);
  });

  it("is all-or-nothing per stack: one unwritable file stops the writes to the others", () => {
    const base = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: canary-SECRET-1234\n";
    const prod = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: canary-TOKEN-5678\n";
    const dir = workspace({ "base/compose.yml": base, "prod/compose.yml": prod });
    if (!makeImmutable(path.join(dir, "prod"))) return;
    const r = run(["transform", "-f", "base/compose.yml", "-f", "prod/compose.yml", "--edit", "base/compose.yml", "--edit", "prod/compose.yml", "--write", "--only", "test-move-secrets"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(read(dir, "base/compose.yml")).toBe(base);
    expect(read(dir, "prod/compose.yml")).toBe(prod);
    expect(tempFiles(dir)).toEqual([]);
  });

  it("a rename that fails after others succeeded puts the earlier files back", () => {
    const base = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: canary-SECRET-1234\n";
    const prod = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: canary-TOKEN-5678\n";
    const dir = workspace({ "base.yml": base, "prod.yml": prod });
    // The file itself is immutable, its directory is not: staging succeeds, the second rename fails.
    if (!makeImmutable(path.join(dir, "prod.yml"))) return;
    const r = run(["transform", "-f", "base.yml", "-f", "prod.yml", "--edit", "base.yml", "--edit", "prod.yml", "--write", "--only", "test-move-secrets"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("prod.yml: could not be written (EPERM");
    expect(read(dir, "base.yml")).toBe(base);
    expect(read(dir, "prod.yml")).toBe(prod);
    expect(tempFiles(dir)).toEqual([]);
  });

  it("a file changed by someone else after it was read is not overwritten", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = run(["transform", "compose.yml", "--write"], {
      cwd: dir,
      nodeArgs: ["--import", path.join(repoRoot, "test/cli/fixtures/modify-before-rename.mjs")],
      env: { MODIFY_FILE: path.join(dir, "compose.yml") },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error compose.yml: changed on disk since compose-gate read it; nothing was written");
    expect(read(dir, "compose.yml")).toBe(`${STACK}# edited by someone else\n`);
    expect(tempFiles(dir)).toEqual([]);
    expect(readdirSync(dir)).not.toContain("scripts");
  });

  it("an edit that lands in place after the last check, right before the rename, is put back: exit 2", () => {
    const dir = workspace({ "compose.yml": STACK });
    chmodSync(path.join(dir, "compose.yml"), 0o640);
    const r = run(["transform", "compose.yml", "--write"], { cwd: dir, nodeArgs: ["--import", EDIT_AT_RENAME], env: { EDIT_FILE: path.join(dir, "compose.yml"), EDIT_HOW: "append" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error compose.yml: edited on disk while compose-gate replaced it; your version was put back and nothing was written");
    expect(read(dir, "compose.yml")).toBe(`${STACK}# saved by someone else\n`);
    expect(statSync(path.join(dir, "compose.yml")).mode & 0o777).toBe(0o640);
    expect(tempFiles(dir)).toEqual([]);
    expect(readdirSync(dir)).not.toContain("scripts");
    expectNoStackTrace(r.stderr);
  });

  // Saved in place, the edit is found in the replaced file after the rename; saved by rename (a
  // new file), before it, by the inode check. (A save by rename in the microseconds between that
  // check and compose-gate's own rename is the one case no POSIX call can catch.)
  it("in a multi-file stack, an edit to a later file, in place or by rename, puts every file back", () => {
    const base = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: canary-SECRET-1234\n";
    const prod = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: canary-TOKEN-5678\n";
    for (const how of ["append", "replace"]) {
      const dir = workspace({ "base.yml": base, "prod.yml": prod });
      const args = ["transform", "-f", "base.yml", "-f", "prod.yml", "--edit", "base.yml", "--edit", "prod.yml", "--write", "--only", "test-move-secrets"];
      const r = run(args, { cwd: dir, nodeArgs: ["--import", EDIT_AT_RENAME], env: { EDIT_FILE: path.join(dir, "prod.yml"), EDIT_HOW: how } });
      expect(r.code, how).toBe(2);
      expect(r.stderr).toContain("prod.yml: ");
      expect(read(dir, "base.yml"), how).toBe(base);
      expect(read(dir, "prod.yml"), how).toBe(`${prod}# saved by someone else\n`);
      expect(readdirSync(dir).filter((f) => f !== "base.yml" && f !== "prod.yml")).toEqual([]);
    }
  });

  it("a file created where a generated file goes, after the last check, is not replaced", () => {
    const dir = workspace({ "compose.yml": STACK, "scripts/.keep": "" });
    const mine = path.join(dir, "scripts/check-secrets.sh");
    const r = run(["transform", "compose.yml", "--write", "--only", "test-move-secrets"], { cwd: dir, nodeArgs: ["--import", EDIT_AT_RENAME], env: { EDIT_FILE: mine } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error scripts/check-secrets.sh: was created by something else since compose-gate started; nothing was written");
    expect(read(dir, "scripts/check-secrets.sh")).toBe("# saved by someone else\n");
    expect(read(dir, "compose.yml")).toBe(STACK);
    expect(tempFiles(dir)).toEqual([]);
  });

  it("a full disk leaves no partial temp file and no new folder", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = run(["transform", "compose.yml", "--write", "--only", "test-move-secrets"], { cwd: dir, nodeArgs: ["--import", DISK_FULL] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("could not be written (ENOSPC: no space left on device); nothing was written");
    expect(read(dir, "compose.yml")).toBe(STACK);
    expect(readdirSync(dir)).toEqual(["compose.yml"]);
  });

  it("a file with another hard link is refused rather than split from it", () => {
    const dir = workspace({ "compose.yml": STACK });
    linkSync(path.join(dir, "compose.yml"), path.join(dir, "deployed.yml"));
    const r = run(["transform", "compose.yml", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error compose.yml: has 2 hard links; --write replaces a file by renaming a new one over it, which would leave the other link with the old content. Nothing was written.");
    expect(read(dir, "compose.yml")).toBe(STACK);
    expect(statSync(path.join(dir, "compose.yml")).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["compose.yml", "deployed.yml"]);
  });
});
