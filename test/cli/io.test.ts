/**
 * The file layer in-process: UTF-8 validation agrees with the platform decoder, reading keeps
 * a BOM, all-or-nothing writes leave no trace when they fail, and the colour decision.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { colorFlag, useColor } from "../../src/cli/io.js";
import { readTextFile } from "../../src/io/read.js";
import { firstInvalidUtf8 } from "../../src/io/utf8.js";
import { removeStaleTempFiles, writeAllOrNothing, WriteError } from "../../src/io/write.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "compose-gate-io-"));
  dirs.push(d);
  return d;
};

describe("UTF-8 validation", () => {
  it("finds an invalid byte exactly when TextDecoder refuses the input", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(s)));
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          decoder.decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it("points at the first bad byte", () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0xe9, 0x62]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});

describe("readTextFile", () => {
  it("keeps a BOM as part of the text and records the mode", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "c.yml"), "\uFEFFservices: {}\n", { mode: 0o640 });
    const file = readTextFile(path.join(dir, "c.yml"), "c.yml");
    expect(file.text).toBe("\uFEFFservices: {}\n");
    expect(file.mode).toBe(0o640);
  });
});

describe("writeAllOrNothing", () => {
  it("writes new files in new folders, and removes what it created when a later file fails", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "plain"), "x");
    const writes = [
      { path: path.join(dir, "new/deep/a.sh"), display: "new/deep/a.sh", content: "#!/bin/sh\n", expected: null, mode: 0o755 },
      { path: path.join(dir, "plain/b.yml"), display: "plain/b.yml", content: "b\n", expected: null, mode: 0o644 },
    ];
    expect(() => writeAllOrNothing(writes)).toThrow(WriteError);
    expect(() => writeAllOrNothing(writes)).toThrow("plain/b.yml: could not be written (ENOTDIR: a parent is not a directory); nothing was written");
    expect(existsSync(path.join(dir, "new"))).toBe(false);
    writeAllOrNothing(writes.slice(0, 1));
    expect(readFileSync(path.join(dir, "new/deep/a.sh"), "utf8")).toBe("#!/bin/sh\n");
  });

  it("refuses a file that is no longer what was read, before writing anything", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "a.yml"), "a\n");
    writeFileSync(path.join(dir, "b.yml"), "b changed\n");
    const writes = [
      { path: path.join(dir, "a.yml"), display: "a.yml", content: "A\n", expected: "a\n", mode: 0o644 },
      { path: path.join(dir, "b.yml"), display: "b.yml", content: "B\n", expected: "b\n", mode: 0o644 },
    ];
    expect(() => writeAllOrNothing(writes)).toThrow("b.yml: changed on disk since compose-gate read it");
    expect(readFileSync(path.join(dir, "a.yml"), "utf8")).toBe("a\n");
  });

  it("refuses to create a file that appeared meanwhile", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "s.sh"), "mine\n");
    expect(() => writeAllOrNothing([{ path: path.join(dir, "s.sh"), display: "s.sh", content: "x\n", expected: null, mode: 0o755 }])).toThrow("s.sh: was created by something else");
    expect(readFileSync(path.join(dir, "s.sh"), "utf8")).toBe("mine\n");
  });
});

describe("removeStaleTempFiles", () => {
  it("removes temp files of processes that are gone, and only those", () => {
    const dir = tmp();
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = `.compose-gate-${gone}-0123456789ab.tmp`;
    const live = `.compose-gate-${process.pid}-0123456789ab.tmp`;
    const other = ".compose-gate-notes.txt";
    for (const name of [stale, live, other]) writeFileSync(path.join(dir, name), "x");
    expect(removeStaleTempFiles([dir, dir, path.join(dir, "missing")])).toEqual([path.join(dir, stale)]);
    expect(readdirSync(dir).sort()).toEqual([live, other].sort());
  });
});

describe("colour", () => {
  it("flags win, then NO_COLOR, FORCE_COLOR, TERM=dumb, then the terminal", () => {
    expect(useColor(true, { NO_COLOR: "1" }, false)).toBe(true);
    expect(useColor(false, { FORCE_COLOR: "1" }, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "1" }, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "" }, true)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "1" }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "0" }, true)).toBe(false);
    expect(useColor(undefined, { TERM: "dumb" }, true)).toBe(false);
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, {}, false)).toBe(false);
  });

  it("reads the last colour flag before --", () => {
    expect(colorFlag(["--color", "--no-color"])).toBe(false);
    expect(colorFlag(["--no-color", "--color=true"])).toBe(true);
    expect(colorFlag(["--", "--color"])).toBeUndefined();
  });
});
