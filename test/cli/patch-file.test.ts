/**
 * `--patch FILE` holds secret values (issue #19 item 9, #16 item 6): it is created 0600 whatever
 * the umask, it replaces only a regular file or creates a new one, never a link it cannot
 * resolve, a device or a FIFO, and never a file the run reads or writes.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { CANARIES, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";

const UMASK_000 = ["--import", path.join(repoRoot, "test/cli/fixtures/permissive-umask.mjs")];
const mode = (file: string) => statSync(file).mode & 0o777;

describe("--patch: a file only its owner can read", () => {
  it("is created 0600 under umask 000", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = run(["transform", "compose.yml", "--patch", "gate.patch"], { cwd: dir, nodeArgs: UMASK_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, "gate.patch")).toContain(CANARIES[0]);
    expect(mode(path.join(dir, "gate.patch"))).toBe(0o600);
  });

  it("replacing a world-readable patch makes it 0600", () => {
    const dir = workspace({ "compose.yml": STACK, "gate.patch": "old\n" });
    chmodSync(path.join(dir, "gate.patch"), 0o644);
    expect(run(["transform", "compose.yml", "--patch", "gate.patch"], { cwd: dir }).code).toBe(0);
    expect(mode(path.join(dir, "gate.patch"))).toBe(0o600);
  });

  it("is written through a link to a regular file, and the link stays a link", () => {
    const dir = workspace({ "compose.yml": STACK, "out/real.patch": "old\n" });
    symlinkSync("out/real.patch", path.join(dir, "gate.patch"));
    expect(run(["transform", "compose.yml", "--patch", "gate.patch"], { cwd: dir }).code).toBe(0);
    expect(lstatSync(path.join(dir, "gate.patch")).isSymbolicLink()).toBe(true);
    expect(read(dir, "out/real.patch")).toContain("diff --git a/compose.yml");
    expect(mode(path.join(dir, "out/real.patch"))).toBe(0o600);
  });
});

describe("--patch never replaces what is not a patch", () => {
  it("a link it cannot resolve (as /dev/stdout to a pipe) is left as it is: exit 2, nothing written", () => {
    for (const to of ["/proc/self/fd/1", "missing/nowhere.patch"]) {
      const dir = workspace({ "compose.yml": STACK });
      symlinkSync(to, path.join(dir, "out.patch"));
      const r = run(["transform", "compose.yml", "--write", "--patch", "out.patch"], { cwd: dir });
      expect(r.code, to).toBe(2);
      expect(r.stderr).toContain(`--patch out.patch: is a link compose-gate cannot follow (to ${to}); it would be replaced, not written through; not written`);
      expect(readlinkSync(path.join(dir, "out.patch"))).toBe(to);
      // Refused before anything was written.
      expect(read(dir, "compose.yml")).toBe(STACK);
      expectNoStackTrace(r.stderr);
    }
  });

  it("a FIFO, a device or a directory: exit 2", () => {
    const dir = workspace({ "compose.yml": STACK, "folder/.keep": "" });
    spawnSync("mkfifo", [path.join(dir, "pipe.patch")]);
    for (const [target, kind] of [
      ["pipe.patch", "is a named pipe (FIFO)"],
      ["/dev/null", "is a device"],
      ["folder", "is a directory"],
    ]) {
      const r = run(["transform", "compose.yml", "--patch", target], { cwd: dir, timeout: 15_000 });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(`--patch ${target}: ${kind}; a patch is written only to a regular file or a new path; not written`);
    }
    expect(lstatSync(path.join(dir, "pipe.patch")).isFIFO()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("its own input, with or without --write, directly or through a link: exit 2, the file unchanged", () => {
    const dir = workspace({ "compose.yml": STACK });
    symlinkSync("compose.yml", path.join(dir, "alias.patch"));
    for (const args of [["--patch", "compose.yml"], ["--write", "--patch", "compose.yml"], ["--patch", "alias.patch"], ["--patch", "./compose.yml", "--check"]]) {
      const r = run(["transform", "compose.yml", ...args], { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("is a file this run reads or writes; choose another name for the patch; not written");
      expect(read(dir, "compose.yml")).toBe(STACK);
    }
  });

  it("a file the run generates is not overwritten by the patch", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = run(["transform", "compose.yml", "--only", "test-move-secrets", "--patch", "scripts/check-secrets.sh"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--patch scripts/check-secrets.sh: is a file this run reads or writes");
    expect(existsSync(path.join(dir, "scripts/check-secrets.sh"))).toBe(false);
  });

  it("a regular file that exists is replaced (the patch of the last run is not precious)", () => {
    const dir = workspace({ "compose.yml": STACK });
    writeFileSync(path.join(dir, "gate.patch"), "stale\n");
    expect(run(["transform", "compose.yml", "--patch", "gate.patch"], { cwd: dir }).code).toBe(0);
    expect(read(dir, "gate.patch")).not.toContain("stale");
  });
});
