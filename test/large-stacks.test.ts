/**
 * Large stacks up to the size cap go through the built CLI (`transform` and `check --format
 * sarif`) in bounded time and memory, and no secret of a stack with thousands of them is shown.
 * Slow (about a minute): part of `npm run test:all`, not of `npm test`.
 */
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../src/io/read.js";
import { largeStacks, runLarge } from "./fuzz/large.js";

describe("large stacks are processed in bounded time and memory", () => {
  it("plain services up to the size cap: transform and check --format sarif with a 768 MB heap", () => {
    const [plain] = largeStacks();
    expect(plain.text.length).toBeGreaterThan(MAX_FILE_BYTES - 16_384);
    for (const r of runLarge(plain.text, 768, 60_000)) expect(r.violations, r.command).toEqual([]);
  });

  it("2 000 services with a literal secret each: no secret shown, 512 MB heap, 30 s", () => {
    // Each secret is a conversion, a finding and a SARIF fix: the shape that was quadratic.
    const [, secrets] = largeStacks(300 * 1024);
    for (const r of runLarge(secrets.text, 512, 30_000)) expect(r.violations, r.command).toEqual([]);
  });
});
