/**
 * Unicode line breaks (issue #19 item 4): Docker's YAML reader breaks lines at U+0085, U+2028
 * and U+2029, compose-gate's does not. Each case is refused with its location, or accepted
 * because Docker reads the same value — and `docker stack config` is asked which it is.
 */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { ComposeSyntaxError } from "../../src/document/errors.js";
import { dockerAvailable, stackConfig } from "../checks/_helpers.js";

const head = "services:\n  web:\n    image: nginx\n";

if (!dockerAvailable && process.env.CI) throw new Error("the docker CLI is required in CI (docker stack config)");

function refusal(text: string) {
  try {
    parseCompose(text);
  } catch (error) {
    if (error instanceof ComposeSyntaxError) return error.diagnostics[0];
    throw error;
  }
  return undefined;
}

/** The environment Docker reads for service `web`, or undefined when it refuses the file. */
function dockerEnv(text: string): Record<string, string> | undefined {
  const r = stackConfig(text);
  return r.ok ? ((parse(r.stdout) as { services: { web: { environment?: Record<string, string> } } }).services.web.environment ?? {}) : undefined;
}

/**
 * What Docker makes of `A: <written>`, as its normalised output: compared with the output for
 * the same value written with ASCII escapes only, whose meaning no reader disputes.
 */
function dockerReads(written: string): string {
  return stackConfig(`${head}    environment:\n      A: ${written}\n`).stdout;
}
const escaped = (value: string) => `"${value.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;


describe("Unicode line breaks", () => {
  const refused: { name: string; text: string; line: number; column: number; docker: (text: string) => void }[] = [
    {
      name: "U+2028 in a comment hides a key from compose-gate",
      text: `${head}    # note\u2028    privileged: true\n`,
      line: 4,
      column: 11,
      docker: (text) => expect(stackConfig(text).stdout).toContain("privileged: true"),
    },
    {
      name: "U+2029 in a plain value",
      text: `${head}    environment:\n      A: x\u2029y\n`,
      line: 5,
      column: 11,
      docker: (text) => expect(dockerEnv(text)).toBeUndefined(),
    },
    {
      name: "U+2028 in a block scalar",
      text: `${head}    environment:\n      A: |\n        x\u2028y\n`,
      line: 6,
      column: 10,
      docker: (text) => expect(dockerEnv(text)).toBeUndefined(),
    },
    {
      name: "U+0085 even inside quotes, where Docker folds it into a space",
      text: `${head}    environment:\n      A: "x\u0085y"\n`,
      line: 5,
      column: 12,
      docker: (text) => expect(dockerEnv(text)).toEqual({ A: "x y" }),
    },
    {
      name: "U+2028 next to blanks inside quotes, which Docker drops",
      text: `${head}    environment:\n      A: "x \u2028 y"\n`,
      line: 5,
      column: 13,
      docker: () => expect(dockerReads('"x \u2028 y"')).not.toBe(dockerReads(escaped("x \u2028 y"))),
    },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}, with its location`, () => {
      expect(refusal(c.text)).toMatchObject({ code: "UNICODE_BREAK", line: c.line, column: c.column });
      if (dockerAvailable) c.docker(c.text);
    });
  }

  for (const [name, written, value] of [
    ["U+2028 in double quotes", '"x\u2028y"', "x\u2028y"],
    ["U+2029 in single quotes", "'x\u2029y'", "x\u2029y"],
    ["two of them, at the ends of the value", '"\u2028x\u2029\u2028y\u2028"', "\u2028x\u2029\u2028y\u2028"],
    ["an escaped U+2028 (plain ASCII)", '"x\\u2028y"', "x\u2028y"],
  ]) {
    it(`accepts ${name}: Docker reads the same value`, () => {
      const text = `${head}    environment:\n      A: ${written}\n`;
      expect(parseCompose(text).get(["services", "web", "environment", "A"])).toBe(value);
      if (dockerAvailable) expect(dockerReads(written)).toBe(dockerReads(escaped(value)));
    });
  }

  it("names the character in the message", () => {
    expect(refusal(`${head}    # a\u2028b: c\n`)?.message).toMatch(/^a U\+2028 character outside quotes, which Docker reads as a line break/);
  });
});
