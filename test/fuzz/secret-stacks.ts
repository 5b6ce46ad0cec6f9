/**
 * Generated stacks whose secrets are spelled and placed in every way issue #19 found leaking:
 * escapes and `''`, folded and literal blocks, YAML numbers, values of one character and of
 * tens of thousands, shell strings (`sh -c "…"`, `export`, block scalars), build args, labels,
 * logging options, configs — and Unicode line breaks next to them. Every planted secret holds
 * `cnry` (numbers cannot: they are checked by position, as every secret is), so any `cnry` in
 * masked output is a leak, and so is one in a refusal's message.
 */
import fc from "fast-check";
import { CANARY } from "./canary.js";

/** A secret's text: `cnry` and a tail of the characters that need escaping or quoting. */
const secretText = fc
  .tuple(fc.string({ unit: fc.constantFrom("a", "Z", "9", "-", "_", "\\", "'", '"', "#", "$", " ", "é", ":", "@", "/", "%"), maxLength: 10 }), fc.nat(999))
  .map(([tail, n]) => `${CANARY}${n}${tail}`);

/** How a value is written in YAML. */
type Spelling = "plain" | "double" | "escaped" | "single" | "folded" | "literal" | "long" | "syntax";

function written(value: string, spelling: Spelling, indent: string): string {
  switch (spelling) {
    case "plain":
      return /^[\w-]+$/.test(value) ? value : JSON.stringify(value);
    case "double":
      return JSON.stringify(value);
    case "escaped":
      // Every other character as a \u escape: the text never holds the value.
      return `"${[...value].map((c, i) => (i % 2 ? `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}` : JSON.stringify(c).slice(1, -1))).join("")}"`;
    case "single":
      return `'${value.replace(/'/g, "''")}'`;
    case "folded":
      return `>-\n${indent}  ${value.replace(/\s+/g, "_")}\n${indent}  ${value.replace(/\s+/g, "_")}-2`;
    case "literal":
      return `|\n${indent}  ${value.replace(/\s+/g, "_")}`;
    case "long":
      return `${CANARY}${"x7".repeat(2_000 + (value.length % 7) * 2_500)}`;
    case "syntax":
      // A password that YAML reads as a tag, an alias or a block header: a refusal that must not quote it.
      return `${"!*|>@`"[value.length % 6]}${value.replace(/[^\w-]/g, "")}`;
  }
}

const spelling = fc.constantFrom<Spelling>("plain", "double", "escaped", "single", "folded", "literal", "long", "syntax");
const number = fc.oneof(
  fc.nat().map((n) => `0x${n.toString(16).toUpperCase()}`),
  fc.tuple(fc.nat(99), fc.nat(30)).map(([a, b]) => `${a}.${b}e${b + 10}`),
  fc.integer({ min: 1_000_000, max: 2 ** 31 }).map(String),
);
const short = fc.constantFrom("Q", "Q7", "Q7z");
/** Mostly none: a break outside quotes is always refused, and the rest must be exercised too. */
const breaks = fc.constantFrom("", "", "", "", "", "", "", "\u2028", "\u2029", "\u0085");

interface Planted {
  env: [name: string, written: string][];
  command?: string;
  healthcheck?: string;
  label?: string;
  logging?: string;
  buildArg?: string;
  config?: string;
}

const planted: fc.Arbitrary<Planted> = fc.record({
  env: fc.uniqueArray(
    fc.oneof(
      fc.tuple(fc.constantFrom("POSTGRES_PASSWORD", "API_TOKEN", "JWT_SECRET", "S3_SECRET_KEY"), secretText, spelling).map(([n, v, s]) => [n, written(v, s, "      ")] as [string, string]),
      fc.tuple(fc.constantFrom("SESSION_SECRET", "PIN_PASSWORD"), number).map(([n, v]) => [n, v] as [string, string]),
      fc.tuple(fc.constantFrom("REDIS_PASSWORD"), short).map(([n, v]) => [n, v] as [string, string]),
      fc.tuple(fc.constantFrom("DATABASE_URL"), secretText).map(([n, v]) => [n, JSON.stringify(`postgres://app:${encodeURIComponent(v)}@db/app`)] as [string, string]),
    ),
    { minLength: 1, maxLength: 4, selector: (e) => e[0] },
  ),
  command: fc.option(
    fc.tuple(secretText, fc.nat(3)).map(([v, form]) => {
      const safe = v.replace(/['"\\$`]/g, "_");
      return [
        `sh -c "redis-server --requirepass '${safe}' --port 6379"`,
        `["sh", "-c", "export DB_PASSWORD=${safe.replace(/\s/g, "_")}; exec app"]`,
        `|\n      mysql -h db -p${safe.replace(/\s/g, "_")} -e 'select 1'`,
        `["app", "--password", ${JSON.stringify(v)}]`,
      ][form];
    }),
    { nil: undefined },
  ),
  healthcheck: fc.option(secretText.map((v) => `["CMD-SHELL", ${JSON.stringify(`PGPASSWORD=${v.replace(/[\s'"\\$`]/g, "_")} pg_isready -h db`)}]`), { nil: undefined }),
  label: fc.option(secretText.map((v) => JSON.stringify(`com.example.api_token=${v}`)), { nil: undefined }),
  logging: fc.option(secretText.map((v) => JSON.stringify(v)), { nil: undefined }),
  buildArg: fc.option(secretText.map((v) => JSON.stringify(v)), { nil: undefined }),
  config: fc.option(secretText.map((v) => JSON.stringify(v)), { nil: undefined }),
});

/** A stack with planted secrets, possibly with a Unicode line break next to one of them. */
export const secretStack: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("postgres:16", "minio/minio:latest", "redis:7", "ghcr.io/app/api:1.2"), planted, breaks, fc.boolean())
  .map(([image, p, lineBreak, quotedBreak]) => {
    const out = ["services:", "  app:", `    image: ${image}`, "    environment:"];
    p.env.forEach(([name, value], i) => {
      // A break goes next to the first secret: inside its quotes, or after it.
      const breakHere = i === 0 && lineBreak !== "";
      const shown = breakHere && quotedBreak && value.startsWith('"') ? `"${lineBreak}${value.slice(1)}` : breakHere ? `${value}${lineBreak}` : value;
      out.push(`      ${name}: ${shown}`);
    });
    if (p.command) out.push(`    command: ${p.command}`);
    if (p.healthcheck) out.push("    healthcheck:", `      test: ${p.healthcheck}`);
    if (p.label) out.push("    labels:", `      - ${p.label}`);
    if (p.logging) out.push("    logging:", "      driver: splunk", "      options:", `        splunk-token: ${p.logging}`);
    if (p.buildArg) out.push("    build:", "      context: .", "      args:", `        NPM_TOKEN: ${p.buildArg}`);
    out.push("  db:", "    image: postgres:16", "    environment:", "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}");
    if (p.config) out.push("configs:", "  db_password:", `    content: ${p.config}`);
    return `${out.join("\n")}\n`;
  });
