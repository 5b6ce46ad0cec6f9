import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCompose, type ComposeDocument } from "../../src/document/compose-document.js";
import { OptionsError, runTransforms } from "../../src/transforms/pipeline.js";
import { differingPaths, undeclaredChanges } from "../../src/transforms/safety-net.js";
import { defineTransform } from "../../src/transforms/types.js";

const shared = "x-env: &env\n  TZ: UTC\nservices:\n  a:\n    environment:\n      <<: *env\n  b:\n    environment:\n      <<: *env\n";

const setTz = (shared?: "anchor") =>
  defineTransform({
    id: "set-tz",
    title: "Set TZ",
    summary: "test",
    options: z.object({ value: z.string().default("Europe/Berlin").describe("zone") }),
    apply(ctx, options) {
      ctx.project.docs[0].setEnv("a", "TZ", options.value, { shared });
      ctx.change("set TZ");
    },
  });

describe("pipeline", () => {
  it("rolls back a transform that would edit shared text, and reports it", () => {
    const result = runTransforms([{ path: "c.yml", text: shared }], [setTz()]);
    expect(result.files[0].after).toBe(shared);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: "refusal", transform: "set-tz", message: expect.stringContaining("&env") }),
    ]);
  });

  it("accepts an edit of shared text made on purpose: every alias user is declared", () => {
    const result = runTransforms([{ path: "c.yml", text: shared }], [setTz("anchor")]);
    expect(result.files[0].after).toContain("TZ: Europe/Berlin");
    expect(result.findings.map((f) => f.kind)).toEqual(["change"]);
  });

  it("validates options before any edit and names the bad key", () => {
    expect(() => runTransforms([{ path: "c.yml", text: shared }], [setTz()], { options: { "set-tz": { valeu: "x" } } })).toThrow(OptionsError);
    try {
      runTransforms([{ path: "c.yml", text: shared }], [setTz()], { options: { "set-tz": { value: 3 } } });
    } catch (e) {
      expect((e as OptionsError).issues[0]).toMatch(/^set-tz\.value: /);
    }
  });

  // A transform that changes data behind the document's back (here: swaps in another file)
  // stands for a splice bug. The run-level check catches it, and the per-transform repeat
  // names and rolls back exactly that transform while the others still apply.
  it("refuses, by name, a transform that changes data without declaring it; the others still apply", () => {
    const sneaky = defineTransform({
      id: "sneaky",
      title: "Sneaky",
      summary: "test",
      options: z.object({}),
      apply(ctx) {
        (ctx.project.docs as ComposeDocument[])[0] = parseCompose(`${ctx.project.docs[0].toString()}  c:\n    image: evil\n`, { filename: "c.yml" });
      },
    });
    const before = setTz("anchor");
    const after = defineTransform({ ...setTz("anchor"), id: "set-tz-again", apply: (ctx) => void ctx.project.docs[0].set(["services", "b", "image"], "b:1") });
    const result = runTransforms([{ path: "c.yml", text: shared }], [before, sneaky, after]);
    expect(result.findings.filter((f) => f.kind === "refusal")).toEqual([
      expect.objectContaining({ transform: "sneaky", message: expect.stringMatching(/changed services\.c without saying so/) }),
    ]);
    expect(result.files[0].after).toContain("TZ: Europe/Berlin");
    expect(result.files[0].after).toContain("image: b:1");
    expect(result.files[0].after).not.toContain("evil");
  });

  it("collects literal secrets from the input for masking", () => {
    const text = "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n      URL: postgres://u:pa55word@db/x\n";
    const result = runTransforms([{ path: "c.yml", text }], []);
    expect(result.secrets.sort()).toEqual(["hunter2hunter2", "pa55word"]);
  });
});

describe("semantic safety net", () => {
  it("finds the paths where data differs", () => {
    expect(differingPaths({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] }, d: 1 })).toEqual([["a", "b"], ["d"]]);
  });

  it("accepts changes under edited paths and reports the rest", () => {
    const before = { services: { a: { image: "x" }, b: { image: "y" } } };
    const after = { services: { a: { image: "x2" }, b: { image: "y2" } } };
    expect(undeclaredChanges(before, after, [["services", "a", "image"]])).toEqual([["services", "b", "image"]]);
    expect(undeclaredChanges(before, after, [["services"]])).toEqual([]);
  });
});

describe("a refused transform leaves nothing behind", () => {
  it("the files it added before the refusal are dropped with its edits; earlier transforms keep theirs", () => {
    const writes = (id: string, fail: boolean) =>
      defineTransform({
        id,
        title: id,
        summary: "test",
        options: z.object({}),
        apply(ctx) {
          ctx.addFile({ path: `${id}.txt`, content: "x\n", description: id });
          ctx.project.docs[0].set(["services", "a", "image"], `${id}:1`);
          // Editing a key merged from an anchor other services use is refused by the document.
          if (fail) ctx.project.docs[0].setEnv("a", "TZ", "UTC");
        },
      });
    const text = "x-env: &env\n  TZ: Europe/Berlin\nservices:\n  a:\n    image: a:0\n    environment:\n      <<: *env\n  b:\n    image: b:0\n    environment:\n      <<: *env\n";
    const result = runTransforms([{ path: "c.yml", text }], [writes("kept", false), writes("refused", true)]);
    expect(result.findings).toContainEqual(expect.objectContaining({ transform: "refused", kind: "refusal" }));
    expect(result.extras.map((e) => e.path)).toEqual(["kept.txt"]);
    expect(result.files[0].after).toContain("image: kept:1");
  });
});
