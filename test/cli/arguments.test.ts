/**
 * Arguments that used to be misread (issue #19 item 11): the same file twice in one `-f`
 * project, paths after `--`, and `--set` values with commas. Plus the all-or-nothing rule when
 * a generated file cannot be created because a folder of its path is a file.
 */
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";

describe("-f: each file once", () => {
  it("-f a.yml -f a.yml is refused before anything is read: exit 2", () => {
    const dir = workspace({ "a.yml": STACK });
    for (const command of ["transform", "check"]) {
      const r = run([command, "-f", "a.yml", "-f", "a.yml", ...(command === "transform" ? ["--write"] : [])], { cwd: dir });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toContain("error -f a.yml: given twice in one project; name each file once");
      expect(r.stdout).toBe("");
    }
    expect(read(dir, "a.yml")).toBe(STACK);
  });

  it("also through a link or another spelling of the path", () => {
    const dir = workspace({ "a.yml": STACK });
    symlinkSync("a.yml", path.join(dir, "b.yml"));
    const r = run(["transform", "-f", "a.yml", "-f", "./b.yml", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error -f b.yml: given twice in one project (a.yml is the same file); name each file once");
    expect(read(dir, "a.yml")).toBe(STACK);
  });
});

describe("--: what follows is paths", () => {
  it("paths after -- are used, even one that starts with a dash", () => {
    const dir = workspace({ "compose.yml": STACK, "-odd.yml": STACK });
    const r = run(["transform", "--only", "test-restart-policy", "--", "compose.yml", "-odd.yml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("diff --git a/compose.yml b/compose.yml");
    expect(r.stdout).toContain("diff --git a/-odd.yml b/-odd.yml");
    const check = run(["check", "--", "compose.yml"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("compose.yml");
  });

  it("a flag after -- is a path, not a flag", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = run(["transform", "compose.yml", "--", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error --write: no such file or directory");
    expect(read(dir, "compose.yml")).toBe(STACK);
  });
});

describe("--set: values with commas", () => {
  /** A stack with two MinIO-like services the test can name through drop-minio's list options. */
  const MINIO = "services:\n  app:\n    image: nginx:1.27\n  blob:\n    image: minio/minio:RELEASE.2025-01-01T00-00-00Z\n  blob2:\n    image: minio/minio:RELEASE.2025-01-01T00-00-00Z\n";

  it("a list is given as JSON, commas and all", () => {
    const dir = workspace({ "compose.yml": MINIO });
    const r = run(["transform", "compose.yml", "--only", "drop-minio", "--set", 'drop-minio.exclude=["blob","blob2"]'], { cwd: dir, cli: BIN });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("-  blob:");
    expect(r.stdout).not.toContain("-  blob2:");
  });

  it("a text value keeps its commas; a list given as text says how to write it", () => {
    const dir = workspace({ "compose.yml": MINIO });
    const r = run(["transform", "compose.yml", "--only", "drop-minio", "--set", "drop-minio.exclude=blob,blob2"], { cwd: dir, cli: BIN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("drop-minio.exclude: Invalid input: expected array, received string");
    expect(r.stderr).toContain(`A list is given as JSON: --set drop-minio.exclude='["a","b"]'`);
    expect(r.stderr).not.toContain("blob2");
  });

  it("two assignments in one --set, separated by a comma, still work", () => {
    const dir = workspace({ "compose.yml": MINIO });
    const r = run(["transform", "compose.yml", "--only", "drop-minio", "--set", 'drop-minio.exclude=["blob"],drop-minio.services=["blob2"]'], { cwd: dir, cli: BIN });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("-  blob2:");
    expect(r.stdout).not.toContain("-  blob:");
  });
});

describe("a generated file whose folder is a file", () => {
  it("a regular file named scripts: exit 2, named as such, and the compose file is not written either", () => {
    const dir = workspace({ "compose.yml": STACK });
    writeFileSync(path.join(dir, "scripts"), "not a folder\n");
    for (const args of [[], ["--write"]]) {
      const r = run(["transform", "compose.yml", "--only", "test-move-secrets", ...args], { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("error scripts/check-secrets.sh: scripts is a file, not a folder; the script that checks the variables are set cannot be created there, so nothing of this stack was written");
      expect(r.stderr).not.toContain("already exists and differs");
      expectNoStackTrace(r.stderr);
    }
    expect(read(dir, "compose.yml")).toBe(STACK);
    expect(read(dir, "scripts")).toBe("not a folder\n");
  });
});
