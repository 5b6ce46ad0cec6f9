/**
 * The quick shape screen `check` runs without zod (#16 item 3): its table is generated from the
 * zod schema and must stay so; it never rejects what the schema accepts, and it rejects every
 * kind of value the schema rejects outright at each service key and top-level key.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./_utils.js";
import { validateCompose, type SchemaPath } from "../src/schema/index.js";
import { describeShapeProblem, shapeProblems } from "../src/schema/shape.js";

const shapeProblem = (data: unknown) => shapeProblems(data)[0]?.path;
import { buildShapeTable, shapeTableModule } from "../src/schema/shape-source.js";
import { SERVICE_KEYS } from "../src/schema/service.js";

function zodProblems(data: unknown): SchemaPath[] {
  return validateCompose({ filename: "compose.yml", toJS: () => data, locate: () => undefined }).map((p) => p.path);
}

const startsWith = (p: SchemaPath, prefix: SchemaPath) => prefix.every((k, i) => p[i] === k);

/** Samples of each scalar kind: a kind counts as allowed when the schema accepts any of them. */
const SCALARS: Record<string, unknown[]> = {
  string: ["${X}", "x", "host", "private", "always", "1s", "80:80", "0.5", "nginx:1.27", "a=b", "10m", "/data", "tcp", "json-file", "default", "all"],
  number: [0, 1, 80, 0.5],
  boolean: [true, false],
};

describe("the shape table", () => {
  it("is what `npm run schema:shape` generates from the zod schema", () => {
    const committed = readFileSync(path.join(repoRoot, "src/schema/shape-table.ts"), "utf8");
    expect(committed, "src/schema/shape-table.ts is stale: run `npm run schema:shape`").toBe(shapeTableModule(buildShapeTable()));
  });
});

describe("shapeProblem", () => {
  it.each([
    ["services as a list", { services: ["web"] }, ["services"]],
    ["a service as a string", { services: { web: "nginx" } }, ["services", "web"]],
    ["ports as a number", { services: { web: { image: "nginx", ports: 80 } } }, ["services", "web", "ports"]],
    ["environment as a number", { services: { web: { image: "nginx", environment: 5 } } }, ["services", "web", "environment"]],
    ["a list as an environment value", { services: { web: { environment: { A: [1] } } } }, ["services", "web", "environment", "A"]],
    ["privileged as a list", { services: { web: { privileged: [] } } }, ["services", "web", "privileged"]],
    ["deploy as a string", { services: { web: { deploy: "swarm" } } }, ["services", "web", "deploy"]],
    ["replicas as a map", { services: { web: { deploy: { replicas: {} } } } }, ["services", "web", "deploy", "replicas"]],
    ["a port entry as a list", { services: { web: { ports: [[80]] } } }, ["services", "web", "ports", 0]],
    ["volumes as a list at the top level", { volumes: ["data"] }, ["volumes"]],
    ["the file as a string", "services", []],
  ])("finds %s", (_, data, at) => {
    expect(shapeProblem(data)).toEqual(at);
    expect(zodProblems(data).some((p) => startsWith(p, at as SchemaPath))).toBe(true);
  });

  it("says what was expected and what is there, never a string's text", () => {
    expect(shapeProblems({ services: ["web"] }).map(describeShapeProblem)).toEqual(["services: expected a map, got a list"]);
    expect(shapeProblems({ services: { web: { ports: 80, environment: "SECRET=canary-SECRET-1234" } } }).map(describeShapeProblem)).toEqual([
      "services.web.ports: expected a list, got the number 80",
      "services.web.environment: expected a map or a list, got a string",
    ]);
    expect(shapeProblems({ services: { web: { privileged: [] } } }).map(describeShapeProblem)).toEqual(["services.web.privileged: expected true/false or a string, got a list"]);
  });

  it("passes a typical file, `${VAR}` strings in typed fields, x- keys and unknown keys (those are rules' business)", () => {
    const data = {
      "x-common": { anything: [1, { a: 2 }] },
      services: {
        web: { image: "nginx:1.27", privileged: "${PRIV}", ports: ["80:80", { target: 80, published: "${PORT}" }], environment: { A: 1, B: true, C: null }, deploy: { replicas: "${N:-1}" }, imgae: "typo" },
      },
      volumes: { data: null },
    };
    expect(shapeProblem(data)).toBeUndefined();
  });

  const places: [string, (v: unknown) => unknown, SchemaPath][] = [
    ...["version", "name", "services", "networks", "volumes", "secrets", "configs"].map(
      (key) => [key, (v: unknown) => ({ [key]: v }), [key]] as [string, (v: unknown) => unknown, SchemaPath],
    ),
    ...SERVICE_KEYS.map((key) => [`services.web.${key}`, (v: unknown) => ({ services: { web: { [key]: v } } }), ["services", "web", key]] as [string, (v: unknown) => unknown, SchemaPath]),
  ];

  it.each(places)("%s: never rejects what the schema accepts, and rejects each scalar kind the schema rejects", (_, file, at) => {
    for (const [kind, samples] of Object.entries(SCALARS)) {
      const zodAccepts = samples.map((s) => !zodProblems(file(s)).some((p) => startsWith(p, at)));
      const screened = samples.map((s) => shapeProblem(file(s)) === undefined);
      samples.forEach((s, i) => {
        if (zodAccepts[i]) expect(screened[i], `${JSON.stringify(s)} is valid but screened out`).toBe(true);
      });
      if (!zodAccepts.some(Boolean)) expect(screened.some(Boolean), `no ${kind} is valid here, yet the screen lets one through`).toBe(false);
    }
    for (const s of [[], {}, null]) {
      if (shapeProblem(file(s)) !== undefined) expect(zodProblems(file(s)).some((p) => startsWith(p, at)), `${JSON.stringify(s)} screened out but valid`).toBe(true);
    }
  });
});
