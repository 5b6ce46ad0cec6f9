/**
 * Where a value is written: `spell(from, to)` gives the characters that spell part of a value,
 * exactly where each is written as itself and the whole content otherwise, for every scalar
 * style (issue #19 item 5: masking by the scalar's source range, whatever its spelling).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import type { WrittenScalar } from "../../src/document/written.js";

/** The scalar under `services.a.environment.X` of a one-variable file. */
function scalar(written: string): { text: string; s: WrittenScalar } {
  const text = `services:\n  a:\n    environment:\n      X: ${written}\n`;
  const s = parseCompose(text).written(["services", "a", "environment", "X"]);
  if (!s) throw new Error("no scalar");
  return { text, s };
}

const shown = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe("WrittenScalar", () => {
  it("plain and quoted text without escapes: exact characters", () => {
    for (const [written, content] of [
      ["abc-def", "abc-def"],
      ['"abc-def"', "abc-def"],
      ["'abc-def'", "abc-def"],
    ]) {
      const { text, s } = scalar(written);
      expect(s.value).toBe("abc-def");
      expect(shown(text, s.content)).toBe(content);
      expect(shown(text, s.spell(4, 7))).toBe("def");
    }
  });

  it("escapes and '' make the whole content the spelling", () => {
    for (const [written, value, content] of [
      ['"pa\\\\ss"', "pa\\ss", "pa\\\\ss"],
      ['"\\u0041BC"', "ABC", "\\u0041BC"],
      ["'it''s'", "it's", "it''s"],
    ]) {
      const { text, s } = scalar(written);
      expect(s.value).toBe(value);
      expect(shown(text, s.spell(1, 2))).toBe(content);
    }
  });

  it("numbers are text as Docker reads them, spelled as written", () => {
    const { text, s } = scalar("0xCAFE");
    expect(s).toMatchObject({ value: "51966", type: "number" });
    expect(shown(text, s.spell(0, 5))).toBe("0xCAFE");
    expect(scalar("1.5e22").s.value).toBe("1.5e+22");
  });

  it("block and multi-line scalars: each line's characters, indentation left out", () => {
    const text = "services:\n  a:\n    environment:\n      K: |\n        line-one\n          line-two\n      F: >-\n        folded-one\n        folded-two\n      P: plain-one\n        plain-two\n";
    const doc = parseCompose(text);
    const k = doc.written(["services", "a", "environment", "K"])!;
    expect(k.value).toBe("line-one\n  line-two\n");
    expect(shown(text, k.spell(0, 8))).toBe("line-one");
    expect(shown(text, k.spell(11, 19))).toBe("line-two");
    expect(shown(text, k.spell(0, k.value.length))).toBe("line-one\n          line-two");
    const f = doc.written(["services", "a", "environment", "F"])!;
    expect(f.value).toBe("folded-one folded-two");
    expect(shown(text, f.spell(7, 17))).toBe("one\n        folded");
    const p = doc.written(["services", "a", "environment", "P"])!;
    expect(p.value).toBe("plain-one plain-two");
    expect(shown(text, p.spell(10, 19))).toBe("plain-two");
  });

  it("a CRLF file keeps its carriage returns out of line pieces", () => {
    const text = "services:\r\n  a:\r\n    environment:\r\n      K: |\r\n        one\r\n        two\r\n";
    const k = parseCompose(text).written(["services", "a", "environment", "K"])!;
    expect(shown(text, k.spell(4, 7))).toBe("two");
  });

  it("every character of the value is inside its spelling, for any text written any way", () => {
    const styles = [(v: string) => JSON.stringify(v), (v: string) => `'${v.replace(/'/g, "''")}'`, (v: string) => `|-\n        ${v.split("\n").join("\n        ")}`];
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom("a", "b", " ", "'", '"', "\\", "\n", "é", "#", ":") }), fc.nat(2), (raw, style) => {
        // A line break in single quotes needs folding, and a block scalar cannot start or end in blanks.
        const value = style === 1 ? raw.replace(/\n/g, " ") : style === 2 ? raw.replace(/^\s+|\s+$/g, "x") : raw;
        const { text, s } = scalar(styles[style](value));
        for (let from = 0; from < s.value.length; from++) {
          const span = s.spell(from, from + 1);
          const c = s.value[from];
          if (/\s/.test(c)) continue;
          // The character is either written as itself at the span, or the span is the whole content.
          if (shown(text, span) !== c) expect(span).toEqual(s.content);
        }
      }),
    );
  });
});

describe("ComposeDocument.writtenValues / written", () => {
  it("lists values where they are written, once per anchor, with their keys", () => {
    const doc = parseCompose("x-env: &env\n  A: one\nservices:\n  a:\n    environment:\n      <<: *env\n    command: [x, 'y']\n");
    expect(doc.writtenValues().map((v) => [v.key, v.scalar.value])).toEqual([
      ["A", "one"],
      [undefined, "x"],
      [undefined, "y"],
    ]);
    expect(doc.writtenValues().map((v) => v.list)).toEqual([undefined, "command", "command"]);
    // Through the merge key, at the anchor.
    expect(doc.written(["services", "a", "environment", "A"])?.content).toEqual(doc.writtenValues()[0].scalar.content);
  });

  it("is asked before editing: positions are those of the text as read", () => {
    const doc = parseCompose("services:\n  a:\n    image: x\n");
    doc.set(["services", "a", "image"], "y");
    expect(() => doc.writtenValues()).toThrow(/before editing/);
  });
});
