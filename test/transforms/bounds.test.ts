/**
 * Counts that grow with the input must never reach a call's argument limit (issue #19 item 12:
 * `runTransforms` threw "RangeError: Maximum call stack size exceeded" on a 4.1 MB stack, where
 * env-to-secrets logged some 180 000 edits). V8 takes about 120 000 arguments; these tests go
 * past it with cheap inputs. Time and memory on the largest stacks are measured by
 * `npm run bench` (the `bounds` rows), not here.
 */
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatStylish } from "../../src/report/stylish.js";
import { formatTransformFindings } from "../../src/report/transform-findings.js";
import { runTransforms } from "../../src/transforms/pipeline.js";
import { undeclaredChanges } from "../../src/transforms/safety-net.js";
import { defineTransform } from "../../src/transforms/types.js";

const MANY = 150_000;
const colors = pc.createColors(false);

describe("more edits and findings than a call takes arguments", () => {
  it("a transform with 150 000 edits and findings runs to the end", () => {
    const busy = defineTransform({
      id: "busy",
      title: "Busy",
      summary: "test",
      options: z.object({}),
      apply(ctx) {
        const doc = ctx.project.docs[0];
        for (let i = 0; i < MANY; i++) {
          doc.set(["x-counter"], i + 1);
          ctx.manual(`step ${i}`);
        }
      },
    });
    const result = runTransforms([{ path: "c.yml", text: "services:\n  web:\n    image: nginx:1.27\nx-counter: 0\n" }], [busy]);
    expect(result.findings).toHaveLength(MANY);
    expect(result.files[0].after).toContain(`x-counter: ${MANY}`);
  });

  it("reports print 150 000 findings of one file", () => {
    const findings = Array.from({ length: MANY }, (_, i) => ({ ruleId: "r/x", severity: "error" as const, file: "c.yml", line: i + 1, column: 1, message: "m" }));
    expect(formatStylish(findings, { files: 1, suppressed: 0 }, colors, (s) => s).split("\n").length).toBeGreaterThan(MANY);
    const steps = Array.from({ length: MANY }, (_, i) => ({ transform: "busy", kind: "manual" as const, message: `step ${i}` }));
    expect(formatTransformFindings("c.yml", "c.yml", steps, colors, (s) => s).split("\n").length).toBeGreaterThan(MANY);
  });

  it("the safety net matches edits against differences both ways round (a trie now, not a search per pair)", () => {
    const count = 2000;
    const services = (value: string) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${i}`, { image: value, environment: { A: value } }]));
    const before = { services: services("a") };
    const after = { services: services("b") };
    const edited = Array.from({ length: count }, (_, i) => (i % 2 ? ["services", `s${i}`] : ["services", `s${i}`, "image", "deeper"]));
    const stray = undeclaredChanges(before, after, edited);
    // Odd services are covered whole; even ones only at image (the edit lies below it), not at environment.
    expect(stray).toHaveLength(count / 2);
    expect(stray[0]).toEqual(["services", "s0", "environment", "A"]);
  });
});
