/**
 * Only regular files are read (issue #19 item 3): a FIFO named like a compose file, a config,
 * a package.json in a parent folder, a source file or a tsconfig.json used to make compose-gate
 * wait forever for a writer. Each run here is killed after 15 s, so a hang fails the test
 * instead of stalling the suite.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, run, STACK, workspace } from "./helpers.js";

const HANG = 15_000;

function fifo(dir: string, name: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  const r = spawnSync("mkfifo", [path.join(dir, name)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

describe("FIFOs and devices are refused, never waited on", () => {
  it("check fifo.yml: exit 2 naming the file and what it is", () => {
    const dir = workspace({ ".git/HEAD": "" });
    fifo(dir, "fifo.yml");
    const r = run(["check", "fifo.yml"], { cwd: dir, timeout: HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fifo.yml: is a named pipe (FIFO), not a regular file");
    expectNoStackTrace(r.stderr);
  });

  it("transform --write on a FIFO: exit 2", () => {
    const dir = workspace({ ".git/HEAD": "" });
    fifo(dir, "compose.yml");
    const r = run(["transform", "compose.yml", "--write"], { cwd: dir, timeout: HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("compose.yml: is a named pipe (FIFO), not a regular file");
  });

  it("a device given as the compose file (/dev/zero never ends): exit 2", () => {
    const dir = workspace({ ".git/HEAD": "" });
    const r = run(["check", "/dev/zero", "--allow-outside"], { cwd: dir, timeout: HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/dev/zero: is a device, not a regular file");
  });

  it("a FIFO named package.json or compose-gate.config.yaml in the search path is not read", () => {
    for (const name of ["package.json", "compose-gate.config.yaml"]) {
      const dir = workspace({ ".git/HEAD": "", "app/compose.yml": STACK });
      fifo(dir, name);
      const r = run(["check", "compose.yml"], { cwd: path.join(dir, "app"), timeout: HANG });
      // A FIFO config is an error (it cannot be read); a FIFO package.json is just not a config.
      if (name === "package.json") expect(r.code, r.stderr).toBe(1);
      else {
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("is a named pipe (FIFO), not a regular file");
      }
    }
  });

  it("codemod: a FIFO source, package.json or tsconfig.json is not waited on", () => {
    const dir = workspace({ ".git/HEAD": "", "src/app.ts": "export const key = process.env.STRIPE_KEY;\n" });
    fifo(dir, "src/package.json");
    fifo(dir, "src/tsconfig.json");
    fifo(dir, "src/pipe.ts");
    const r = run(["codemod", "secrets", "--vars", "STRIPE_KEY", "--src", "src/app.ts,src/pipe.ts"], { cwd: dir, timeout: HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("src/pipe.ts: is a named pipe (FIFO), not a regular file");
    expectNoStackTrace(r.stderr);
  });
});
