/**
 * The multi-value scanner behind masking: every occurrence, overlaps included, in one linear
 * pass; compared with a naive search on random words and texts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dictionary } from "../../src/secrets/scan.js";

function naive(words: string[], text: string): string[] {
  const out: string[] = [];
  for (const w of new Set(words)) {
    if (w === "") continue;
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) out.push(`${at}:${at + w.length}`);
  }
  return out.sort();
}

function covered(words: string[], text: string): boolean[] {
  const out = Array<boolean>(text.length).fill(false);
  for (const hit of naive(words, text)) {
    const [a, b] = hit.split(":").map(Number);
    for (let i = a; i < b; i++) out[i] = true;
  }
  return out;
}

const unit = fc.constantFrom("a", "b", "c", "%", "é", "\u0301");

describe("Dictionary", () => {
  it("finds what a naive search finds, overlaps included", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 5 }), { maxLength: 6 }), fc.string({ unit, maxLength: 40 }), (words, text) => {
        const found: string[] = [];
        new Dictionary(words).each(text, (start, end) => found.push(`${start}:${end}`));
        expect(found.sort()).toEqual(naive(words, text));
      }),
    );
  });

  it("covers exactly the characters some word covers", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 5 }), { maxLength: 6 }), fc.string({ unit, maxLength: 40 }), (words, text) => {
        const marks = Array<boolean>(text.length).fill(false);
        const ranges = new Dictionary(words).cover(text);
        for (const [a, b] of ranges) for (let i = a; i < b; i++) marks[i] = true;
        expect(marks).toEqual(covered(words, text));
        // Sorted and disjoint, so each run of hidden text is one mask.
        for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
      }),
    );
  });

  it("a longer word starting before earlier matches swallows them", () => {
    expect(new Dictionary(["bc", "abcd"]).cover("xabcdx")).toEqual([[1, 5]]);
  });

  it("matches code units: a word followed by a combining accent is still found", () => {
    expect(new Dictionary(["abc"]).cover("xabc\u0301y")).toEqual([[1, 4]]);
  });

  it("a value of 32 768 characters is just text (a pattern built from it broke every command)", () => {
    const long = "k".repeat(16_384) + "Q".repeat(16_384);
    expect(new Dictionary([long]).cover(`x=${long};`)).toEqual([[2, 2 + long.length]]);
  });
});
