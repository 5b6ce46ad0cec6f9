/**
 * The writer's shortcut for common scalars (`quickScalarText`) must write exactly what `yaml`
 * writes for them: it exists only to spare a document per scalar on large stacks (issue #19
 * item 12), never to change the output.
 */
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { isTypeAmbiguous } from "../../src/document/scalar.js";
import { quickScalarText, yamlScalarText, type Quote } from "../../src/document/render.js";

const CHARS = [..."abcXYZ019_-./:#'\"\\ \t,[]{}!&*?|>%@`~=+", "\u00e9", "\n"];
const strings = fc.oneof(
  fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((cs) => cs.join("")),
  fc.constantFrom("true", "null", "yes", "on", "1e3", "0x1F", ".inf", "<<", "", " x", "db_postgres_password", "/run/secrets/db", "./secrets/a-b.txt"),
);

describe("quickScalarText agrees with yaml", () => {
  it("wherever it answers, for every quote wish", () => {
    fc.assert(
      fc.property(strings, fc.constantFrom<Quote>(undefined, "double", "single"), (value, wanted) => {
        const quick = quickScalarText(value, wanted, !isTypeAmbiguous(value));
        if (quick === undefined) return;
        expect(quick).toBe(yamlScalarText(value, wanted).text);
        expect(parse(quick)).toBe(value);
      }),
      { numRuns: 5000, seed: 19 },
    );
  });

  it("answers for the names and paths compose-gate inserts most", () => {
    expect(quickScalarText("db12_postgres_password", undefined, true)).toBe("db12_postgres_password");
    expect(quickScalarText("/run/secrets/db12_postgres_password", undefined, true)).toBe("/run/secrets/db12_postgres_password");
    expect(quickScalarText("true", undefined, false)).toBeUndefined();
    expect(quickScalarText("it's", "single", true)).toBe("'it''s'");
  });
});
