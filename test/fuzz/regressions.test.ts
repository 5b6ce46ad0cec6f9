/**
 * Bugs the fuzzer found, each reduced to its smallest input and kept as a regression test.
 * Every case states what went wrong before the fix.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeDocument } from "../../src/document/compose-document.js";
import { ComposeSyntaxError, EditError } from "../../src/document/errors.js";
import { runTransforms } from "../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { renderPatch } from "../../src/diff/index.js";
import { secretMasker } from "../../src/secrets/mask.js";

/** The printed text must read back to exactly the data the document holds. */
function expectInStep(doc: ComposeDocument): void {
  const reread = parseCompose(doc.toString(), { filename: doc.filename });
  expect(isDeepStrictEqual(reread.toJS(), doc.toJS())).toBe(true);
}

function syntaxError(text: string): { code: string; line: number; column: number; message: string } {
  try {
    parseCompose(text, { filename: "c.yml" });
  } catch (error) {
    expect(error).toBeInstanceOf(ComposeSyntaxError);
    const d = (error as ComposeSyntaxError).diagnostics[0];
    return { code: d.code, line: d.line, column: d.column, message: d.message };
  }
  throw new Error("expected a syntax error");
}

describe("edits found out of step with their text", () => {
  it("an entry added to a map that an earlier delete emptied shows in the text", () => {
    // Was: the data gained the entry, the text stayed `services: {}`.
    const doc = parseCompose("x: 1\nservices:\n  web:\n    image: a\n");
    doc.delete(["services", "web"]);
    doc.set(["services", "ne"], { image: "b" });
    expect(doc.toString()).toBe("x: 1\nservices: {ne: {image: b}}\n");
    expectInStep(doc);
  });

  it("the preset's node-exporter survives drop-minio removing every service", () => {
    // Was: "added node-exporter" reported, output `services: {}`, a second run added it again.
    const text = "services:\n  minio:\n    image: minio/minio:latest\n    command: server /data\n";
    const preset = PRESETS["pre-first-client"].map(getTransform);
    const after = runTransforms([{ path: "c.yml", text }], preset).files[0].after;
    expect(parseCompose(after).services()).toEqual(["node-exporter"]);
    expect(runTransforms([{ path: "c.yml", text: after }], preset).files[0].after).toBe(after);
  });

  it("replacing the value of an explicit `? key` entry keeps the key a key", () => {
    // Was: `? a:` followed by the value, which reads as one complex key.
    for (const text of ["? a\n", "? a\n: 1\nz: 2\n", "services:\n  ? web\n  : image: nginx\n"]) {
      const doc = parseCompose(text);
      const [key] = Object.keys(doc.toJS());
      const path = text.startsWith("services") ? ["services", "web"] : [key];
      doc.set(path, { x: ["p", "q"] });
      expectInStep(doc);
    }
  });

  it("a key renamed to `<<` stays a string key, in the text and in the data", () => {
    // Was: the text said "<<" (a string), the data read a merge key and toJS threw.
    const doc = parseCompose("services:\n  web:\n    image: a\n    labels: {}\n");
    doc.renameKey(["services", "web", "labels"], "<<");
    expect(doc.toString()).toContain('"<<": {}');
    expectInStep(doc);
  });

  it("replacing a value that defines an anchor still in use is refused", () => {
    // Was: `build: "8080"` written, leaving `<<: *args` pointing at nothing.
    const text = "services:\n  a:\n    build:\n      args: &args\n        X: 1\n  b:\n    build:\n      args:\n        <<: *args\n";
    const doc = parseCompose(text);
    expect(() => doc.set(["services", "a", "build"], "8080")).toThrow(EditError);
    expect(() => doc.set(["services", "a", "build"], "8080")).toThrow(/defines anchor &args, still used by services\.b\.build\.args/);
  });

  it("a number set where a block scalar (`|-`) was is written as a number", () => {
    // Was: `1` written inside the block scalar, which reads back as the string "1".
    const doc = parseCompose("services: |-\n  multi\n  line\nx: 1\n");
    doc.set(["services"], 1);
    expect(doc.toString()).toBe("services: 1\nx: 1\n");
    expectInStep(doc);
    doc.set(["services"], "text");
    expectInStep(doc);
  });

  it("a multi-line value added before a line of only spaces keeps that line out of its text", () => {
    // Was: the `|-` block took the spaces as content ("multi\nline\n    ").
    for (const text of ["services:\n  web:\n    volumes:\n      ", "services:\n  web:\n    volumes:\n      \n  db:\n    image: x\n"]) {
      const doc = parseCompose(text);
      doc.set(text.endsWith(" ") ? ["a:b"] : ["services", "web", "script"], "multi\nline");
      expectInStep(doc);
      expect(doc.toString().startsWith(text.replace(/\n {2}db:[^]*$/, ""))).toBe(true);
    }
  });

  it("a multi-line value added as the last entry keeps a line of spaces that opens an outer entry out of its text", () => {
    // Was: the new `|` block, last in `command` (or in `web`), took the spaces that open `db` as content.
    const text = "services:\n  web:\n    command:\n      - run\n          \n  db:\n    image: x\n";
    const appended = parseCompose(text);
    appended.append(["services", "web", "command"], "line one\nline two\n");
    expectInStep(appended);
    const set = parseCompose(text);
    set.set(["services", "web", "script"], "line one\nline two\n");
    expectInStep(set);
    const deeper = parseCompose("services:\n  web:\n    deploy:\n      labels:\n        a: b\n            \n  db:\n    image: x\n");
    deeper.set(["services", "web", "deploy", "labels", "note"], "one\ntwo\n");
    expectInStep(deeper);
    for (const doc of [appended, set, deeper]) expect(doc.toString()).toContain("  db:\n    image: x\n");
  });

  it("a multi-line value added last keeps blank and spaces-only lines at the end of the file out of its text", () => {
    // Was: `a:b: |-` took the file's trailing "\n   " as content ("multi\nline\n\n ").
    for (const text of ["a: 1\n\n   ", "a: 1\n   ", "a: 1\n\n   \n", ":\n\n   "]) {
      const doc = parseCompose(text);
      doc.set(["a:b"], "multi\nline");
      expectInStep(doc);
    }
  });

  it("a multi-line value replacing a map keeps the spaces-only lines after it (end of file included) out of its text", () => {
    // Was: `db: |-` took the "         " lines that ended the file as content.
    const cases: [string, (string | number)[]][] = [
      ["services:\n     ", ["services"]],
      ["services:\n  db:\n    x: 1\n         \n", ["services", "db"]],
      ["services:\n  db:\n    x: 1\n         \n  web:\n    image: a\n", ["services", "db"]],
      ["a:\n  -\n     \nb: 1\n", ["a", 0]],
    ];
    for (const [text, path] of cases) {
      const doc = parseCompose(text);
      doc.set(path, "multi\nline");
      expectInStep(doc);
    }
  });

  it("a multi-line value keeps a comment indented past its entry out of its text", () => {
    // Was: `- |` took the "          # c" line below the lone `-` as text ("l1\n  # c\n"), which the safety net could not tell from the edit.
    for (const [text, path] of [
      ["services:\n  a:\n    command:\n      -\n          # c\n      - b\n", ["services", "a", "command", 0]],
      ["services:\n  a:\n    command:\n      -\n          # c", ["services", "a", "command", 0]],
      ["X:\n          # c\n", ["X"]],
    ] as [string, (string | number)[]][]) {
      const doc = parseCompose(text);
      doc.set(path, "l1\n");
      expectInStep(doc);
      expect(doc.toString()).toContain("# c");
    }
  });

  it("edits through an anchor refresh every reader's data, also through a second anchor or a dotted name", () => {
    // Was: the plain-data cache kept the old value for `b` (insert), `web.api` and `d`.
    const insert = parseCompose('services:\n  a: &a\n    environment:\n      X: "1"\n  b: *a\n');
    insert.toJS();
    insert.set(["services", "b", "environment", "Y"], "2", { shared: "anchor" });
    expectInStep(insert);
    for (const text of ["x: &x\n  image: x\nservices:\n  web.api: *x\n", "x: &x\n  image: x\ny: &y\n  inner: *x\nservices:\n  d: *y\n", "x: &x\n  image: x\ny: &y\n  <<: *x\nservices:\n  d: *y\n"]) {
      const doc = parseCompose(text);
      doc.toJS();
      doc.set(["x", "image"], "z", { shared: "anchor" });
      expectInStep(doc);
    }
  });

  it("a merge tag written through a %TAG handle is found", () => {
    const doc = parseCompose("%TAG !x! !re\n---\nservices:\n  a:\n    ports: !x!set []\n");
    expect(doc.mergeTags()).toEqual([{ path: ["services", "a", "ports"], tag: "!reset" }]);
  });

  it("a value for an empty list item (a lone `-`) goes after its dash, not after the next line's indentation", () => {
    // Was: "a:\n  -" set to 1 printed "-1" (a: -1), and a map value landed at the top level.
    const cases: [string, (string | number)[], unknown, string][] = [
      ["a:\n  -", ["a", 0], 1, "a:\n  - 1"],
      ["a:\n  -\n", ["a", 0, "k"], 1, "a:\n  - k: 1\n"],
      ["a:\n  - x\n  -", ["a", 1, "<<"], [], 'a:\n  - x\n  - "<<": []'],
      ["a:\n  -\n  # note\n  - x\n", ["a", 0], "v", "a:\n  - v\n  # note\n  - x\n"],
      ["s:\n  a:\n    -\n  b: 1\n", ["s", "a", 0], "v", "s:\n  a:\n    - v\n  b: 1\n"],
      ["a:\r\n  -\r\n  - x\r\n", ["a", 0], "v", "a:\r\n  - v\r\n  - x\r\n"],
    ];
    for (const [text, path, value, expected] of cases) {
      const doc = parseCompose(text);
      doc.set(path, value);
      expectInStep(doc);
      expect(doc.toString()).toBe(expected);
    }
    // A comment after the dash would have to move: refused, and the text is untouched.
    const commented = parseCompose("a:\n  -   # c\n  - x\n");
    expect(() => commented.set(["a", 0], "v")).toThrow(EditError);
    expect(commented.toString()).toBe("a:\n  -   # c\n  - x\n");
  });

  it("renaming an empty key (`: value`) is refused, not a TypeError", () => {
    // Was: TypeError "Cannot use 'in' operator to search for 'indent' in undefined" from yaml.
    const doc = parseCompose(":\n");
    expect(() => doc.renameKey([""], "services")).toThrow(EditError);
  });

  it("deleting the file's only top-level key is refused rather than printing an empty file", () => {
    // Was: an empty text, which does not read back as a compose file.
    const doc = parseCompose("services:\n  web:\n    image: a\n");
    expect(() => doc.delete(["services"])).toThrow(EditError);
    expect(doc.toString()).toBe("services:\n  web:\n    image: a\n");
  });
});

describe("inputs that parsed but crashed later, now refused with a location", () => {
  it("a merge of something that is not a map (Docker refuses it too)", () => {
    // Was: parse succeeded, then every transform and check threw "Merge sources must be maps".
    expect(syntaxError("x: &a 1\nservices:\n  web:\n    <<: *a\n    image: nginx\n")).toMatchObject({ code: "BAD_MERGE", line: 4, column: 9 });
    expect(syntaxError("services:\n  web:\n    <<: [{a: 1}, 2]\n")).toMatchObject({ code: "BAD_MERGE", line: 3, column: 18 });
    expect(parseCompose("x: &m {a: 1}\nservices:\n  web:\n    <<: [*m, {b: 2}]\n").get(["services", "web", "b"])).toBe(2);
  });

  it("an alias inside the anchor it names", () => {
    // Was: infinite recursion (RangeError: Maximum call stack size exceeded) in every reader.
    expect(syntaxError("x-env: &env\n  a: 1\n  api:\n    <<: *env\nservices: {}\n")).toMatchObject({ code: "ALIAS_CYCLE", line: 4, column: 9 });
  });

  it("a key that is a list or a map", () => {
    // Was: accepted, then every reader printed a Node warning per read ("Keys with collection values will be stringified").
    expect(syntaxError("? [a, b]\n: x\nservices: {}\n")).toMatchObject({ code: "COMPLEX_KEY", line: 1, column: 3 });
    expect(syntaxError("x: &k [1]\nservices:\n  *k : 2\n")).toMatchObject({ code: "COMPLEX_KEY", line: 3, column: 3 });
  });

  it("a template in a file that starts with a directive is located on its own line", () => {
    // Was: line 2 of a one-line file (the parser's line counter had counted line 1 twice).
    expect(syntaxError("%[*, {{ .Values.image }}]A:}")).toMatchObject({ code: "TEMPLATE", line: 1, column: 6 });
  });

  it("a carriage return alone as a line ending", () => {
    // Was: read as part of a key or value, where Docker reads a line break ("? \r" edited to a key "\r").
    expect(syntaxError("services:\r  web:\r    image: nginx\r")).toMatchObject({ code: "LONE_CR", line: 1, column: 10 });
    expect(parseCompose("services:\r\n  web:\r\n    image: nginx\r\n").get(["services", "web", "image"])).toBe("nginx");
  });

  it("an alias whose anchor is not defined before it", () => {
    // Was: ReferenceError "Unresolved alias" from the first reader.
    expect(syntaxError("services:\n  a:\n    <<: *nope\n")).toMatchObject({ code: "UNKNOWN_ALIAS", line: 3, column: 9 });
    // The alias is not named: the text after `*` may be a password that starts with `*`.
    expect(syntaxError("services:\n  a:\n    <<: *nope\n").message).toContain("no anchor");
  });
});

describe("secrets on command lines", () => {
  it("are masked in the diff of a nearby edit", () => {
    // Was: only environment values were masked; a context line showed the password.
    const text = 'services:\n  cache:\n    image: redis:7\n    command: ["--requirepass", "cnry-cmd-6f"]\n    healthcheck:\n      test: "redis-cli --pass cnry-hc-0d ping"\n';
    const result = runTransforms([{ path: "c.yml", text }], PRESETS["pre-first-client"].map(getTransform));
    expect(result.secrets).toEqual(expect.arrayContaining(["cnry-cmd-6f", "cnry-hc-0d"]));
    const patch = renderPatch([{ path: "c.yml", before: text, after: result.files[0].after }], { mask: secretMasker(result.secrets) });
    expect(patch).toContain("--requirepass");
    expect(patch).not.toContain("cnry");
  });
});
