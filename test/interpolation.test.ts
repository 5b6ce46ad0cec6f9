import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  argumentRaw,
  defaultOf,
  hasInterpolation,
  isBareReference,
  swarmIncompatibilities,
  tokenize,
  variablesIn,
  type Part,
} from "../src/interpolation/index.js";

/** A compact rendering of a token tree: text as "text", variables as ${NAME op [argument]}. */
function shape(parts: Part[]): unknown[] {
  return parts.map((p) => (p.kind === "text" ? p.text : { var: p.name, ...(p.operator ? { op: p.operator, arg: shape(p.argument ?? []) } : {}) }));
}

function shapeOf(value: string): unknown[] {
  const { parts, errors } = tokenize(value);
  expect(errors).toEqual([]);
  return shape(parts);
}

describe("tokenize", () => {
  it("returns no parts for an empty string and one text part for plain text", () => {
    expect(tokenize("")).toEqual({ parts: [], errors: [] });
    expect(tokenize("nginx:1.27")).toEqual({
      parts: [{ kind: "text", text: "nginx:1.27", raw: "nginx:1.27", start: 0, end: 10 }],
      errors: [],
    });
  });

  it("reads $NAME and ${NAME} with their offsets", () => {
    expect(tokenize("a$HOME/${USER}b").parts).toEqual([
      { kind: "text", text: "a", raw: "a", start: 0, end: 1 },
      { kind: "var", name: "HOME", braced: false, raw: "$HOME", start: 1, end: 6 },
      { kind: "text", text: "/", raw: "/", start: 6, end: 7 },
      { kind: "var", name: "USER", braced: true, raw: "${USER}", start: 7, end: 14 },
      { kind: "text", text: "b", raw: "b", start: 14, end: 15 },
    ]);
  });

  it("accepts names in any case, with underscores and digits after the first character", () => {
    expect(shapeOf("${home}$_x1${A_2}")).toEqual([{ var: "home" }, { var: "_x1" }, { var: "A_2" }]);
  });

  it.each([
    [":-", "${A:-fallback}"],
    ["-", "${A-fallback}"],
    [":?", "${A:?fallback}"],
    ["?", "${A?fallback}"],
    [":+", "${A:+fallback}"],
    ["+", "${A+fallback}"],
  ])("reads the %s operator and its argument", (op, value) => {
    expect(shapeOf(value)).toEqual([{ var: "A", op, arg: ["fallback"] }]);
  });

  it("gives an empty argument list for an empty default", () => {
    expect(shapeOf("${LANGFUSE_INIT_ORG_ID:-}")).toEqual([{ var: "LANGFUSE_INIT_ORG_ID", op: ":-", arg: [] }]);
  });

  it("nests references inside arguments, with offsets into the whole value", () => {
    const { parts } = tokenize("nginx:${A:-${B:-1.27}}");
    expect(shape(parts)).toEqual(["nginx:", { var: "A", op: ":-", arg: [{ var: "B", op: ":-", arg: ["1.27"] }] }]);
    const outer = parts[1];
    expect(outer).toMatchObject({ raw: "${A:-${B:-1.27}}", start: 6, end: 22 });
    expect(outer.kind === "var" && outer.argument?.[0]).toMatchObject({ raw: "${B:-1.27}", start: 11, end: 21 });
  });

  it("reads compose's own nesting example", () => {
    expect(shapeOf("${VARIABLE:-${FOO:-default}}")).toEqual([
      { var: "VARIABLE", op: ":-", arg: [{ var: "FOO", op: ":-", arg: ["default"] }] },
    ]);
  });

  it("picks the operator right after the name, whatever follows in the argument", () => {
    expect(shapeOf("${VERSION-v4.1-3.0.2}")).toEqual([{ var: "VERSION", op: "-", arg: ["v4.1-3.0.2"] }]);
    expect(shapeOf("${APPFLOWY_BASE_URL?:err}")).toEqual([{ var: "APPFLOWY_BASE_URL", op: "?", arg: [":err"] }]);
    expect(shapeOf("${A:?use-a-value}")).toEqual([{ var: "A", op: ":?", arg: ["use-a-value"] }]);
  });

  it("turns $$ into a literal $ and merges it with the surrounding text", () => {
    expect(tokenize("test-$$HOSTNAME.tar.gz").parts).toEqual([
      { kind: "text", text: "test-$HOSTNAME.tar.gz", raw: "test-$$HOSTNAME.tar.gz", start: 0, end: 22 },
    ]);
    expect(shapeOf("$$$A")).toEqual(["$", { var: "A" }]);
    expect(shapeOf("$${A}")).toEqual(["${A}"]);
    expect(shapeOf(`[ $$(valkey-cli --pass "$\${REDIS_PASSWORD}" ping) = 'PONG' ]`)).toEqual([
      `[ $(valkey-cli --pass "\${REDIS_PASSWORD}" ping) = 'PONG' ]`,
    ]);
  });

  it("keeps a $ that starts no reference as text, as compose does", () => {
    expect(shapeOf("$1 costs 5$")).toEqual(["$1 costs 5$"]);
    expect(shapeOf("$(date) $- $ $.")).toEqual(["$(date) $- $ $."]);
    expect(shapeOf("^/(sys|proc|dev|host|etc)($$|/)")).toEqual(["^/(sys|proc|dev|host|etc)($|/)"]);
  });

  it("does not treat Swarm service templates as interpolation", () => {
    expect(shapeOf("NODE_ID={{.Node.ID}}")).toEqual(["NODE_ID={{.Node.ID}}"]);
  });

  it("reads references embedded in URLs and port mappings", () => {
    expect(shapeOf("postgres://u:${PW}@db/x")).toEqual(["postgres://u:", { var: "PW" }, "@db/x"]);
    expect(shapeOf("${HOST_IP:-127.0.0.1}:${CLICKHOUSE_HTTP_PORT:-8123}:8123")).toEqual([
      { var: "HOST_IP", op: ":-", arg: ["127.0.0.1"] },
      ":",
      { var: "CLICKHOUSE_HTTP_PORT", op: ":-", arg: ["8123"] },
      ":8123",
    ]);
    expect(shapeOf("$SENTRY_BIND:80/tcp")).toEqual([{ var: "SENTRY_BIND" }, ":80/tcp"]);
    expect(shapeOf("kartoza/postgis:$POSTGRES_MAJOR_VERSION-$POSTGIS_MAJOR_VERSION.${POSTGIS_MINOR_RELEASE}")).toEqual([
      "kartoza/postgis:",
      { var: "POSTGRES_MAJOR_VERSION" },
      "-",
      { var: "POSTGIS_MAJOR_VERSION" },
      ".",
      { var: "POSTGIS_MINOR_RELEASE" },
    ]);
  });

  it("keeps literal dollars in a default (a bcrypt hash) as text", () => {
    expect(shapeOf("${ADMIN_PASSWORD_HASH:-$2a$14$1l.IozJx7xQRVmlkEQ32OeEE}")).toEqual([
      { var: "ADMIN_PASSWORD_HASH", op: ":-", arg: ["$2a$14$1l.IozJx7xQRVmlkEQ32OeEE"] },
    ]);
  });

  it("ends an argument at the brace that balances the opening one", () => {
    expect(shapeOf("${A:-{x}}")).toEqual([{ var: "A", op: ":-", arg: ["{x}"] }]);
    expect(shapeOf("${A:-x}}")).toEqual([{ var: "A", op: ":-", arg: ["x"] }, "}"]);
    expect(shapeOf("${A:-x} {y}")).toEqual([{ var: "A", op: ":-", arg: ["x"] }, " {y}"]);
    expect(shapeOf("${A:-{x}")).toEqual([{ var: "A", op: ":-", arg: ["{x"] }]);
  });

  it.each([
    ["${}", 'invalid interpolation format: empty variable name in "${}"', 0],
    ["${1A}", 'invalid interpolation format: "${" must be followed by a variable name ([_a-zA-Z][_a-zA-Z0-9]*), found "1"', 0],
    ["x ${A", 'invalid interpolation format: unclosed "${A": missing "}"', 2],
    ["${A:-x", 'invalid interpolation format: unclosed "${A:-": missing "}"', 0],
    ["${A B}", 'invalid interpolation format: unexpected " " after "${A" (expected "}" or one of :- :? :+ - ? +)', 0],
    ["${A:x}", 'invalid interpolation format: unexpected ":" after "${A" (expected "}" or one of :- :? :+ - ? +)', 0],
    ["end ${", 'invalid interpolation format: unclosed "${" at the end of the value', 4],
  ])("reports %j as malformed without throwing", (value, message, offset) => {
    const result = tokenize(value);
    expect(result.errors).toEqual([{ message, offset }]);
    expect(result.parts.map((p) => p.raw).join("")).toBe(value);
    expect(result.parts.every((p) => p.kind === "text")).toBe(true);
  });

  it("keeps reading after a malformed reference", () => {
    const result = tokenize("${} then ${B} and ${C:-${}}");
    expect(result.errors.map((e) => e.offset)).toEqual([0, 23]);
    expect(shape(result.parts)).toEqual(["${} then ", { var: "B" }, " and ", { var: "C", op: ":-", arg: ["${}"] }]);
  });

  it("never throws, and its parts always spell the input back exactly", () => {
    const alphabet = fc.constantFrom("$", "{", "}", ":", "-", "?", "+", "A", "b", "_", "1", " ", "x");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join("")), (value) => {
        const { parts } = tokenize(value);
        expect(parts.map((p) => p.raw).join("")).toBe(value);
        let offset = 0;
        for (const part of parts) {
          expect(part.start).toBe(offset);
          expect(value.slice(part.start, part.end)).toBe(part.raw);
          offset = part.end;
        }
        for (const part of parts) {
          if (part.kind === "var" && part.argument) expect(part.argument.map((p) => p.raw).join("")).toBe(argumentRaw(part));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves strings without $ untouched", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes("$") && s.length > 0), (value) => {
        expect(tokenize(value)).toEqual({ parts: [{ kind: "text", text: value, raw: value, start: 0, end: value.length }], errors: [] });
      }),
    );
  });
});

describe("variablesIn", () => {
  it("lists every referenced name once, outer before nested, in order of use", () => {
    expect(variablesIn("${A:-${B:-1.27}}")).toEqual(["A", "B"]);
    expect(variablesIn("$B ${A} ${B:-$C} ${A?missing $D}")).toEqual(["B", "A", "C", "D"]);
    expect(variablesIn("postgres://${USER}:${PW}@${HOST:-db}/${USER}")).toEqual(["USER", "PW", "HOST"]);
  });

  it("ignores escapes, templates and malformed references", () => {
    expect(variablesIn("test-$$HOSTNAME")).toEqual([]);
    expect(variablesIn("NODE_ID={{.Node.ID}}")).toEqual([]);
    expect(variablesIn("${} ${1A} $1")).toEqual([]);
    expect(variablesIn("plain")).toEqual([]);
  });
});

describe("hasInterpolation", () => {
  it.each([
    ["${PW}", true],
    ["$PW", true],
    ["x:${TAG:-latest}", true],
    ["${APPFLOWY_BASE_URL?:err}/minio", true],
    ["test-$$HOSTNAME", false],
    ["NODE_ID={{.Node.ID}}", false],
    ["costs 5$", false],
    ["${}", false],
    ["", false],
  ])("%j → %s", (value, expected) => {
    expect(hasInterpolation(value)).toBe(expected);
  });
});

describe("isBareReference", () => {
  it.each([
    ["${POSTGRES_PASSWORD}", "POSTGRES_PASSWORD"],
    ["$POSTGRES_PASSWORD", "POSTGRES_PASSWORD"],
    ["${PW:-secret}", undefined],
    ["${PW?}", undefined],
    ["x${PW}", undefined],
    [" ${PW}", undefined],
    ["${A}${B}", undefined],
    ["$$PW", undefined],
    ["${PW", undefined],
    ["", undefined],
  ])("%j → %s", (value, expected) => {
    expect(isBareReference(value)).toBe(expected);
  });
});

describe("defaultOf", () => {
  it("returns the default of a lone ${VAR:-d} or ${VAR-d}", () => {
    expect(defaultOf("${REDIS_AUTH:-myredissecret}")).toEqual({ name: "REDIS_AUTH", operator: ":-", raw: "myredissecret", literal: "myredissecret" });
    expect(defaultOf("${VERSION-v4.1-3.0.2}")).toEqual({ name: "VERSION", operator: "-", raw: "v4.1-3.0.2", literal: "v4.1-3.0.2" });
    expect(defaultOf("${WEBHOOK_ALLOWED_IPS:-}")).toEqual({ name: "WEBHOOK_ALLOWED_IPS", operator: ":-", raw: "", literal: "" });
  });

  it("resolves $$ in a literal default and has no literal when the default interpolates", () => {
    expect(defaultOf("${A:-cost$$5}")).toEqual({ name: "A", operator: ":-", raw: "cost$$5", literal: "cost$5" });
    expect(defaultOf("${A:-${B:-1.27}}")).toEqual({ name: "A", operator: ":-", raw: "${B:-1.27}" });
  });

  it("returns undefined for anything else", () => {
    for (const value of ["${A}", "$A", "${A:?err}", "${A:+alt}", "x${A:-d}", "${A:-d}x", "${A:-d", "plain"]) {
      expect(defaultOf(value), value).toBeUndefined();
    }
  });
});

describe("swarmIncompatibilities", () => {
  it.each([
    "${A}",
    "$A",
    "${A:-x}",
    "${VERSION-v4.1-3.0.2}",
    "${UNSET:?msg}",
    "${APPFLOWY_BASE_URL?:err}/minio",
    "test-$$HOSTNAME",
    "NODE_ID={{.Node.ID}}",
    "$SENTRY_BIND:80/tcp",
    "${ADMIN_PASSWORD_HASH:-$2a$14$1l.IozJx}",
    "${HOST_IP:-127.0.0.1}:${PORT}:80",
    "plain",
  ])("finds nothing in %j", (value) => {
    expect(swarmIncompatibilities(value)).toEqual([]);
  });

  it("rejects the presence operators :+ and +", () => {
    expect(swarmIncompatibilities("${SETVAR:+alt}")).toEqual([
      {
        kind: "presence-operator",
        effect: "rejected",
        raw: "${SETVAR:+alt}",
        start: 0,
        end: 14,
        message: '"${SETVAR:+alt}": docker stack deploy rejects the ":+" operator (invalid interpolation format); only :-, -, :? and ? work there',
      },
    ]);
    expect(swarmIncompatibilities("--flag=${DEBUG+1}").map((i) => [i.kind, i.start, i.end])).toEqual([["presence-operator", 7, 17]]);
  });

  it("flags a nested default, which docker/cli leaves as written", () => {
    expect(swarmIncompatibilities("nginx:${A:-${B:-1.27}}")).toEqual([
      {
        kind: "nested-argument",
        effect: "misread",
        raw: "${A:-${B:-1.27}}",
        start: 6,
        end: 22,
        message:
          '"${A:-${B:-1.27}}": docker stack deploy does not interpolate inside ":-" arguments, so nested variables and $$ escapes in "${B:-1.27}" are used as written',
      },
    ]);
    expect(swarmIncompatibilities("${A:-$B}").map((i) => i.kind)).toEqual(["nested-argument"]);
    expect(swarmIncompatibilities("${A:-cost$$5}").map((i) => i.kind)).toEqual(["nested-argument"]);
  });

  it("flags a } inside an argument, where docker/cli stops early", () => {
    expect(swarmIncompatibilities("${A:-{x}}").map((i) => [i.kind, i.effect])).toEqual([["brace-in-argument", "misread"]]);
  });

  it("flags arguments that make docker/cli pick another operator", () => {
    expect(swarmIncompatibilities("${A:?use-a-value}").map((i) => i.message)).toEqual([
      '"${A:?use-a-value}": docker stack deploy reads the operator as "-" (it checks :-, -, :?, ? in that order), not ":?"',
    ]);
    expect(swarmIncompatibilities("${A-x:-y}").map((i) => i.kind)).toEqual(["operator-misread"]);
  });

  it("flags an operator-like character after an unbraced name", () => {
    const value = "kartoza/postgis:$POSTGRES_MAJOR_VERSION-$POSTGIS_MAJOR_VERSION.${POSTGIS_MINOR_RELEASE}";
    expect(swarmIncompatibilities(value)).toEqual([
      {
        kind: "unbraced-operator",
        effect: "misread",
        raw: "$POSTGRES_MAJOR_VERSION-$POSTGIS_MAJOR_VERSION.${POSTGIS_MINOR_RELEASE",
        start: 16,
        end: 86,
        message:
          '"$POSTGRES_MAJOR_VERSION-": docker stack deploy reads "-" after an unbraced $POSTGRES_MAJOR_VERSION as an operator and swallows the text after it; write ${POSTGRES_MAJOR_VERSION}- instead',
      },
    ]);
    expect(swarmIncompatibilities("$A?").map((i) => i.kind)).toEqual(["unbraced-operator"]);
  });

  it("flags a lone $ that compose keeps but docker/cli rejects, not one compose already rejects", () => {
    expect(swarmIncompatibilities("price: 5$ or $$6").map((i) => [i.kind, i.effect, i.start])).toEqual([["lone-dollar", "rejected", 8]]);
    expect(swarmIncompatibilities("$1")).toHaveLength(1);
    expect(swarmIncompatibilities("${}")).toEqual([]);
  });

  it("reports each construct of a value", () => {
    expect(swarmIncompatibilities("${A:+x}-${B:-${C}}-$1").map((i) => i.kind)).toEqual(["presence-operator", "nested-argument", "lone-dollar"]);
  });
});
