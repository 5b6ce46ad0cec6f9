/**
 * Companion stacks (a stack deployed on its own next to this one, like the observability
 * stack) and the files a transform reads: a transform finishes an existing companion through
 * the document vocabulary, or creates one that comes out as a new extra file; a rolled-back
 * transform leaves no companion behind; `ctx.readFile` sees only what the caller provides.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runTransforms } from "../../src/transforms/pipeline.js";
import { defineTransform } from "../../src/transforms/types.js";

const app = "services:\n  db:\n    image: postgres:16.4\n";
const obs = "# the observability stack\nservices:\n  grafana:\n    image: grafana/grafana:12.1.0\n";

const addLoki = () =>
  defineTransform({
    id: "add-loki",
    title: "Add Loki",
    summary: "test",
    options: z.object({}),
    apply(ctx) {
      const doc = ctx.project.companion("observability") ?? ctx.createCompanion("observability", "obs.yml", "# created\nservices:\n");
      if (!doc.has(["services", "loki"])) doc.set(["services", "loki"], { image: "grafana/loki:3.5.0" });
      ctx.change("added loki");
    },
  });

describe("companion stacks", () => {
  it("edits an existing companion in place and reports it as a file of the run, with its role", () => {
    const result = runTransforms([{ path: "app.yml", text: app }], [addLoki()], { companions: [{ role: "observability", path: "obs.yml", text: obs }] });
    expect(result.files.map((f) => [f.path, f.role])).toEqual([
      ["app.yml", undefined],
      ["obs.yml", "observability"],
    ]);
    expect(result.files[1].after).toBe(`${obs}  loki:\n    image: grafana/loki:3.5.0\n`);
    expect(result.extras).toEqual([]);
  });

  it("creates a missing companion as a new extra file carrying its role", () => {
    const result = runTransforms([{ path: "app.yml", text: app }], [addLoki()]);
    expect(result.files.map((f) => f.path)).toEqual(["app.yml"]);
    expect(result.extras).toEqual([
      expect.objectContaining({ path: "obs.yml", role: "observability", content: "# created\nservices:\n  loki:\n    image: grafana/loki:3.5.0\n" }),
    ]);
  });

  it("is idempotent through the companion: a second run on the output changes nothing", () => {
    const first = runTransforms([{ path: "app.yml", text: app }], [addLoki()]);
    const created = first.extras[0];
    const again = runTransforms([{ path: "app.yml", text: app }], [addLoki()], { companions: [{ role: "observability", path: created.path, text: created.content }] });
    expect(again.files.every((f) => f.before === f.after)).toBe(true);
    expect(again.extras).toEqual([]);
  });

  it("refuses two companions of one role", () => {
    const twice = [
      { role: "observability" as const, path: "a.yml", text: obs },
      { role: "observability" as const, path: "b.yml", text: obs },
    ];
    expect(() => runTransforms([{ path: "app.yml", text: app }], [addLoki()], { companions: twice })).toThrow(/two observability stacks/);
  });

  it("drops a companion created by a transform that is rolled back", () => {
    const breaks = defineTransform({
      id: "breaks",
      title: "Breaks",
      summary: "test",
      options: z.object({}),
      apply(ctx) {
        const doc = ctx.createCompanion("observability", "obs.yml", "services:\n");
        doc.set(["services", "loki"], { image: "grafana/loki:3.5.0" });
        // An anchor edit the document refuses: the whole transform is rolled back.
        ctx.project.docs[0].setEnv("a", "TZ", "UTC");
      },
    });
    const shared = "x-env: &env\n  TZ: Europe/Berlin\nservices:\n  a:\n    environment: *env\n  b:\n    environment: *env\n";
    const result = runTransforms([{ path: "app.yml", text: shared }], [breaks]);
    expect(result.extras).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(["app.yml"]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: "refusal", transform: "breaks" })]);
  });

  it("makes the companion visible to checks and later transforms through the project", () => {
    const seen: string[] = [];
    const look = defineTransform({
      id: "look",
      title: "Look",
      summary: "test",
      options: z.object({}),
      apply: (ctx) => void seen.push(...(ctx.project.companion("observability")?.services() ?? [])),
    });
    runTransforms([{ path: "app.yml", text: app }], [addLoki(), look]);
    expect(seen).toEqual(["loki"]);
    // The companion is never merged into the stack's own model.
    const services: string[][] = [];
    const model = defineTransform({ ...look, id: "model", apply: (ctx) => void services.push(ctx.project.services()) });
    runTransforms([{ path: "app.yml", text: app }], [addLoki(), model]);
    expect(services).toEqual([["db"]]);
  });
});

describe("ctx.readFile", () => {
  const reader = (seen: (string | undefined)[]) =>
    defineTransform({
      id: "reader",
      title: "Reader",
      summary: "test",
      options: z.object({}),
      apply(ctx) {
        seen.push(ctx.readFile("GATE.md"), ctx.readFile(".github/workflows/x.yml", "repository"));
      },
    });

  it("reads through the caller's reader, with the base it names", () => {
    const seen: (string | undefined)[] = [];
    const files: Record<string, string> = { "stack:GATE.md": "# gate\n", "repository:.github/workflows/x.yml": "on: push\n" };
    runTransforms([{ path: "app.yml", text: app }], [reader(seen)], { readFile: (p, base) => files[`${base}:${p}`] });
    expect(seen).toEqual(["# gate\n", "on: push\n"]);
  });

  it("finds no file when the caller gives no reader", () => {
    const seen: (string | undefined)[] = [];
    runTransforms([{ path: "app.yml", text: app }], [reader(seen)]);
    expect(seen).toEqual([undefined, undefined]);
  });
});
