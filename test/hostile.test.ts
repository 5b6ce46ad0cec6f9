/**
 * Hostile inputs, each through the library (parse or read) and through the built CLI (`check`
 * and `transform`, real registry, a 256 MB heap): refused with exit 2 and a message that says
 * what and where, no stack trace, and within a generous time bound that only guards against
 * hangs. (Large stacks up to the size cap: large-stacks.test.ts, in `npm run test:all`.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../src/document/compose-document.js";
import { ComposeSyntaxError } from "../src/document/errors.js";
import { readTextFile, ReadError } from "../src/io/read.js";
import { BIN, expectNoStackTrace, run, workspace } from "./cli/helpers.js";
import { largeStacks } from "./fuzz/large.js";

/** Seconds a refusal may take, in-process and through the CLI (spawning Node included). */
const PARSE_BOUND_MS = 10_000;
const CLI_BOUND_MS = 20_000;

const lol = [
  "services:",
  "  web:",
  "    image: nginx",
  'x-lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 8 }, (_, i) => `x-lol${i + 1}: &lol${i + 1} [${Array(10).fill(`*lol${i}`).join(", ")}]`),
  "",
].join("\n");

const TEN_MB = largeStacks(10 * 1024 * 1024)[0].text;

interface Hostile {
  name: string;
  content: string | Buffer;
  /** What the library says: a parse diagnostic (text inputs) or a read error (byte-level inputs). */
  expect: { code: string; line?: number; column?: number };
  /** What the CLI prints after `error `; the file name is prefixed. */
  message: string;
}

const HOSTILE: Hostile[] = [
  { name: "billion laughs", content: lol, expect: { code: "ALIAS_BOMB", line: 9, column: 79 }, message: ":9:79: aliases expand this file past 1,000,000 nodes, here through *lol4 (an alias bomb?)" },
  { name: "an alias inside its own anchor", content: "x: &a\n  b:\n    <<: *a\nservices: {}\n", expect: { code: "ALIAS_CYCLE", line: 3, column: 9 }, message: ":3:9: alias *a is inside the anchor it refers to" },
  { name: "100 000 nested brackets", content: `services: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, expect: { code: "TOO_DEEP", line: 1, column: 511 }, message: ":1:511: nesting deeper than 500 levels" },
  {
    name: "1 000 nested block maps",
    content: Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " x\n",
    expect: { code: "TOO_DEEP", line: 502, column: 1 },
    message: ":502:1: nesting deeper than 500 levels",
  },
  { name: "duplicate keys", content: "services:\n  web:\n    image: a\n  web:\n    image: b\n", expect: { code: "DUPLICATE_KEY", line: 4, column: 3 }, message: ':4:3: duplicate key "web": map keys must be unique' },
  { name: "a multi-document stream", content: "services:\n  a: {image: x}\n---\nservices:\n  b: {image: y}\n", expect: { code: "MULTI_DOCUMENT", line: 3, column: 1 }, message: ":3:1: this file holds 2 YAML documents" },
  { name: "an empty file", content: "", expect: { code: "EMPTY_DOCUMENT", line: 1, column: 1 }, message: ":1:1: the file has no content" },
  { name: "only comments", content: "# nothing here yet\n\n", expect: { code: "EMPTY_DOCUMENT", line: 1, column: 1 }, message: ":1:1: the file has no content" },
  { name: "a Helm template", content: "services:\n  web:\n    image: {{ .Values.image }}\n", expect: { code: "TEMPLATE", line: 3, column: 12 }, message: ":3:12: this looks like a template ({{ … }}), not a compose file: render it first" },
  { name: "a Jinja template", content: "services:\n{% if prod %}\n  web:\n    image: nginx\n{% endif %}\n", expect: { code: "TEMPLATE", line: 2, column: 1 }, message: ":2:1: this looks like a template ({% … %})" },
  { name: "an Ansible vault tag", content: "services:\n  web:\n    image: nginx\n    environment:\n      PW: !vault |\n        $ANSIBLE_VAULT;1.1;AES256\n        6162\n", expect: { code: "UNKNOWN_TAG", line: 5, column: 11 }, message: ":5:11: tag !vault is not one compose-gate can keep the meaning of" },
  { name: "a Python object tag", content: "services:\n  web:\n    image: !!python/object/apply:os.system [id]\n", expect: { code: "UNKNOWN_TAG", line: 3, column: 12 }, message: ":3:12: tag !!python/… is not one" },
  { name: "a YAML 1.1 binary tag", content: "services:\n  web:\n    image: !!binary bmdpbng=\n", expect: { code: "UNKNOWN_TAG", line: 3, column: 12 }, message: ":3:12: tag !!binary is not one" },
  {
    name: "a key behind a Unicode line separator in a comment",
    content: "services:\n  web:\n    image: nginx # pinned\u2028    privileged: true\n",
    expect: { code: "UNICODE_BREAK", line: 3, column: 26 },
    message: ":3:26: a U+2028 character outside quotes, which Docker reads as a line break",
  },
  {
    name: "a password behind a NEL in a plain value",
    content: "services:\n  web:\n    image: nginx\n    environment:\n      A: x\u0085      POSTGRES_PASSWORD: cnry-nel-31aa\n",
    expect: { code: "UNICODE_BREAK", line: 5, column: 11 },
    message: ":5:11: a U+0085 character outside quotes",
  },
  // Issue #19: Docker read the transformed output of such a file differently from compose-gate.
  { name: "two byte order marks", content: "\uFEFF\uFEFFservices:\n  web:\n    image: nginx\n", expect: { code: "DOUBLE_BOM", line: 1, column: 2 }, message: ":1:2: the file starts with two byte order marks (U+FEFF)" },
  { name: "NUL bytes in text", content: "services:\n  web:\u0000\n", expect: { code: "BINARY" }, message: ":2:7: is a binary file (NUL byte), not a compose file" },
  {
    name: "Latin-1 bytes",
    content: Buffer.concat([Buffer.from("services:\n  web:\n    image: nginx # caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    expect: { code: "NOT_UTF8" },
    message: ":3:23: is not valid UTF-8 (byte 0xE9); save the file as UTF-8",
  },
  { name: "a PNG image", content: Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"), expect: { code: "BINARY" }, message: ":3:1: is a binary file (NUL byte)" },
  { name: "UTF-16 with a BOM", content: Buffer.from("\ufeffservices:\n  web:\n    image: nginx\n", "utf16le"), expect: { code: "UTF16" }, message: ": is UTF-16 encoded; save it as UTF-8" },
  { name: "a 10 MB file", content: TEN_MB, expect: { code: "TOO_LARGE" }, message: `: is larger than 2 MB (${TEN_MB.length} bytes)` },
];

/** The library's answer: ReadError for what cannot be text, else ComposeSyntaxError from parsing. */
function libraryError(content: string | Buffer): { code: string; line?: number; column?: number } {
  const dir = workspace({ "hostile.yml": content });
  let text: string;
  try {
    text = readTextFile(path.join(dir, "hostile.yml"), "hostile.yml").text;
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return { code: (error as ReadError).code };
  }
  try {
    parseCompose(text, { filename: "hostile.yml" });
  } catch (error) {
    expect(error).toBeInstanceOf(ComposeSyntaxError);
    const d = (error as ComposeSyntaxError).diagnostics[0];
    expect(d.file).toBe("hostile.yml");
    return { code: d.code, line: d.line, column: d.column };
  }
  throw new Error("the input was accepted");
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe("hostile inputs are refused quickly, with what and where", () => {
  for (const h of HOSTILE) {
    it(h.name, () => {
      const lib = timed(() => libraryError(h.content));
      expect(lib.value).toEqual(h.expect);
      expect(lib.ms).toBeLessThan(PARSE_BOUND_MS);

      const dir = workspace({ "hostile.yml": h.content });
      for (const command of [["check", "hostile.yml"], ["transform", "hostile.yml", "--write"]]) {
        const r = timed(() => run(command, { cwd: dir, cli: BIN, nodeArgs: ["--max-old-space-size=256"] }));
        expect(r.value.code, r.value.stderr).toBe(2);
        expect(r.value.stderr).toContain(`error hostile.yml${h.message}`);
        expectNoStackTrace(r.value.stderr);
        // Planted passwords (`cnry-…`) are never quoted by a refusal.
        expect(r.value.stdout + r.value.stderr).not.toContain("cnry");
        expect(r.ms).toBeLessThan(CLI_BOUND_MS);
      }
      expect(readFileSync(path.join(dir, "hostile.yml")).equals(Buffer.from(h.content))).toBe(true);
    });
  }

  it("the PNG test input really starts with the PNG signature and holds NUL bytes", () => {
    const png = HOSTILE.find((h) => h.name === "a PNG image")!.content as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});

describe("Swarm placeholders", () => {
  it("Swarm placeholders in values are not mistaken for templates", () => {
    const text = 'services:\n  web:\n    image: nginx\n    hostname: "{{.Node.Hostname}}"\n    command: echo {{.Task.Name}}\n';
    expect(parseCompose(text).get(["services", "web", "hostname"])).toBe("{{.Node.Hostname}}");
    const dir = workspace({ "swarm.yml": text });
    expect(run(["check", "swarm.yml"], { cwd: dir, cli: BIN }).code).not.toBe(2);
  });
});
