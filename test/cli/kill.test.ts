/**
 * `kill -9` during `transform --write`: whatever the moment, every file is exactly its old
 * bytes or exactly its new bytes (never truncated), the mode is kept, and the next `--write`
 * removes the temp files the killed run could not. The writes are slowed by a preload
 * (fixtures/slow-write.mjs) so that the kill lands while bytes are on their way to disk; the
 * moments are seeded, so a failure replays.
 */
import { spawn } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "./helpers.js";

const SLOW_WRITE = path.join(repoRoot, "test/cli/fixtures/slow-write.mjs");
const SEED = 90_210;

/**
 * About 256 KB (an eighth of the size cap, seven times the largest real stack in the corpus):
 * a Postgres with a literal password and a thousand plain services.
 */
function bigStack(): string {
  let text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: canary-SECRET-1234\n    volumes:\n      - db:/var/lib/postgresql/data\n";
  for (let i = 0; text.length < 256 * 1024; i++) text += `  app${i}:\n    image: registry.example.com/app-${i}:1.${i % 9}\n    environment:\n      TZ: UTC\n    deploy:\n      replicas: 2\n`;
  return `${text}volumes:\n  db: {}\n`;
}

/** Every file under `dir`, by relative path. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files.set(name, readFileSync(full));
  }
  return files;
}

const modeOf = (dir: string) => statSync(path.join(dir, "compose.yml")).mode & 0o777;
const temps = (dir: string) => [...snapshot(dir).keys()].filter((f) => path.basename(f).startsWith(".compose-gate-"));


/** Runs `transform --write` with slowed writes and sends SIGKILL `delayMs` after the first temp file is opened. */
function killDuring(dir: string, delayMs: number): Promise<{ sawStaging: boolean }> {
  return new Promise((resolve, reject) => {
    const args = ["--import", SLOW_WRITE, BIN, "transform", "compose.yml", "--write"];
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    let sawStaging = false;
    const kill = () => setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (!sawStaging && chunk.includes("[slow-write] staging")) {
        sawStaging = true;
        kill();
      }
    });
    child.on("error", reject);
    child.on("close", () => resolve({ sawStaging }));
  });
}

describe("kill -9 during transform --write", () => {
  const OLD = Buffer.from(bigStack());

  it("leaves each file old or new, never partial, and the next run cleans up", { timeout: 240_000 }, async () => {
    const reference = workspace({ "compose.yml": OLD });
    expect(run(["transform", "compose.yml", "--write"], { cwd: reference, cli: BIN }).code).toBe(0);
    const NEW = snapshot(reference);
    expect(NEW.get("compose.yml")!.equals(OLD)).toBe(false);
    expect(NEW.size).toBeGreaterThan(1);

    // The slowed write of 256 KB takes about 50 ms: moments before, during and after it.
    const delays = [0, ...fc.sample(fc.integer({ min: 0, max: 80 }), { seed: SEED, numRuns: 2 })];
    let interrupted = 0;
    for (const delay of delays) {
      const dir = workspace({ "compose.yml": OLD });
      chmodSync(path.join(dir, "compose.yml"), 0o640);
      const killed = await killDuring(dir, delay);
      expect(killed.sawStaging, `the write was reached (delay ${delay} ms)`).toBe(true);
      const after = snapshot(dir);
      const compose = after.get("compose.yml")!;
      expect(compose.equals(OLD) || compose.equals(NEW.get("compose.yml")!), `compose.yml is old or new after a kill ${delay} ms in`).toBe(true);
      for (const [name, bytes] of after) {
        if (name === "compose.yml" || path.basename(name).startsWith(".compose-gate-")) continue;
        expect(NEW.get(name)?.equals(bytes), `${name} is complete after a kill ${delay} ms in`).toBe(true);
      }
      expect(modeOf(dir)).toBe(0o640);
      const left = temps(dir).sort();
      if (left.length > 0) interrupted++;

      // The next run finishes the job and removes what the killed one left.
      const next = run(["transform", "compose.yml", "--write"], { cwd: dir, cli: BIN });
      expect(next.code).toBe(0);
      if (left.length > 0) {
        // Named in the order the run writes, which need not be the order a folder listing gives.
        const removed = new RegExp(`removed ${left.length} temp files? left by an interrupted compose-gate run: (.*)`).exec(next.stderr)?.[1];
        expect(removed?.split(", ").sort()).toEqual([...left].sort());
      }
      expect(temps(dir)).toEqual([]);
      expect(snapshot(dir)).toEqual(NEW);
      expect(modeOf(dir)).toBe(0o640);
    }
    // At least one kill landed mid-write, leaving a temp file for the next run to remove.
    expect(interrupted).toBeGreaterThan(0);
  });

  it("a normal --write keeps the mode and leaves no temp files", () => {
    const dir = workspace({ "compose.yml": OLD });
    chmodSync(path.join(dir, "compose.yml"), 0o600);
    expect(run(["transform", "compose.yml", "--write"], { cwd: dir, cli: BIN }).code).toBe(0);
    expect(temps(dir)).toEqual([]);
    expect(modeOf(dir)).toBe(0o600);
    expect(readFileSync(path.join(dir, "compose.yml")).equals(OLD)).toBe(false);
  });
});
