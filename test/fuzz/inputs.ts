/**
 * Hostile inputs for the fuzzer, as fast-check arbitraries so every case is a pure function of
 * its seed: real corpus files with a few mutations each (the damage hand-edited YAML takes),
 * small generated compose files with the things the transforms look for, and token soup that
 * exercises the YAML lexer. `caseAt(corpus, seed)` is the one entry point; replaying a seed
 * rebuilds the same text.
 */
import fc from "fast-check";
import { CANARY } from "./canary.js";
import { editArbitrary, type Edit } from "./edits.js";
import { secretStack } from "./secret-stacks.js";

export interface CorpusFile {
  name: string;
  text: string;
}

export type Mutation =
  | { kind: "delete-line"; at: number }
  | { kind: "duplicate-line"; at: number }
  | { kind: "swap-lines"; at: number; other: number }
  | { kind: "reindent"; at: number; delta: number }
  | { kind: "flip-quote"; at: number }
  | { kind: "truncate"; at: number }
  | { kind: "inject"; at: number; text: string }
  | { kind: "line-endings"; to: "crlf" | "lf" | "cr" | "one-crlf"; at: number }
  | { kind: "bom" }
  | { kind: "splice"; from: number; line: number; at: number };

export interface FuzzCase {
  /** The seed that rebuilds this case (`npm run fuzz -- --replay <seed>`). */
  seed: number;
  /** Where the text came from: a corpus file name, `generated` or `soup`. */
  source: string;
  mutations: Mutation[];
  text: string;
  /** Document edits tried on the text when it parses. */
  edits: Edit[];
}

/** Control characters, tabs, odd line breaks, quotes and YAML syntax, injected anywhere. */
const INJECTIONS = [
  "\t",
  "\u0000",
  "\u0001",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\r",
  "\n",
  "\r\n",
  "\"",
  "'",
  "\\",
  "`",
  "#",
  ": ",
  "- ",
  "? ",
  ",",
  "{",
  "}",
  "[",
  "]",
  "|",
  ">-",
  "&a ",
  "*a",
  "<<: *a",
  "!reset ",
  "!override ",
  "!!binary ",
  "!!python/object:os.system ",
  "!vault ",
  "!Ref ",
  "---\n",
  "...\n",
  "%YAML 1.2\n",
  "${X}",
  "$${X}",
  "${X:-y}",
  "${X:?}",
  "${",
  "{{ .Values.image }}",
  "{% if prod %}",
  "~",
  "0x1F",
  "1e99",
  "é",
  "😀",
  "@",
  "%",
];

const mutation = (files: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant("delete-line" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("swap-lines" as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant("reindent" as const), at: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant("flip-quote" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("inject" as const), at: fc.nat(), text: fc.constantFrom(...INJECTIONS) }),
    fc.record({ kind: fc.constant("line-endings" as const), to: fc.constantFrom("crlf" as const, "lf" as const, "cr" as const, "one-crlf" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("bom" as const) }),
    fc.record({ kind: fc.constant("splice" as const), from: fc.nat({ max: Math.max(0, files - 1) }), line: fc.nat(), at: fc.nat() }),
  );

/** Applies one mutation; pure, and total for any text (an empty text stays workable). */
export function applyMutation(text: string, m: Mutation, corpus: readonly CorpusFile[]): string {
  const lines = text.split("\n");
  const line = (at: number) => at % lines.length;
  switch (m.kind) {
    case "delete-line":
      return lines.filter((_, i) => i !== line(m.at)).join("\n");
    case "duplicate-line":
      return lines.flatMap((l, i) => (i === line(m.at) ? [l, l] : [l])).join("\n");
    case "swap-lines": {
      const [a, b] = [line(m.at), line(m.other)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join("\n");
    }
    case "reindent": {
      const i = line(m.at);
      lines[i] = m.delta >= 0 ? " ".repeat(m.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.delta}}`), "");
      return lines.join("\n");
    }
    case "flip-quote": {
      const quotes = [...text.matchAll(/["']/g)].map((q) => q.index!);
      if (quotes.length === 0) return text;
      const at = quotes[m.at % quotes.length];
      const flipped = m.at % 3 === 0 ? "" : text[at] === '"' ? "'" : '"';
      return text.slice(0, at) + flipped + text.slice(at + 1);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "inject": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "line-endings":
      return lineEndings(text, m.to, m.at);
    case "bom":
      return text.startsWith("\ufeff") ? text.slice(1) : `\ufeff${text}`;
    case "splice": {
      const donor = corpus[m.from % Math.max(1, corpus.length)]?.text.split("\n") ?? ["x: y"];
      lines.splice(line(m.at), 0, donor[m.line % donor.length]);
      return lines.join("\n");
    }
  }
}

function lineEndings(text: string, to: "crlf" | "lf" | "cr" | "one-crlf", at: number): string {
  const lf = text.replace(/\r\n/g, "\n");
  if (to === "lf") return lf;
  if (to === "crlf") return lf.replace(/\n/g, "\r\n");
  if (to === "cr") return lf.replace(/\n/g, "\r");
  // One line ending changed: a file edited on two systems.
  const breaks = [...text.matchAll(/\r?\n/g)];
  if (breaks.length === 0) return text;
  const b = breaks[at % breaks.length];
  return text.slice(0, b.index) + (b[0] === "\n" ? "\r\n" : "\n") + text.slice(b.index! + b[0].length);
}

const IMAGES = ["postgres:16", "minio/minio:latest", "nhost/hasura-storage:0.6.1", "bitnami/postgresql:15", "redis:7", "nginx", "prom/prometheus:v2.53.0", "minio/mc", "prodrigestivill/postgres-backup-local:16", "ghcr.io/app/api:1.2"];

/**
 * Secret values in generated files all contain `cnry` (CANARY), and only sit where
 * compose-gate must treat them as secrets (secret-named variables, URL passwords, password
 * flags), so any `cnry` in masked output is a leak. Plain variables never hold one.
 */
export { CANARY };
const SECRET_NAMES = ["POSTGRES_PASSWORD", "S3_SECRET_KEY", "MINIO_ROOT_PASSWORD", "API_TOKEN", "JWT_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET"];
const SECRET_VALUES = ["cnry-lit-1a", "${PW:-cnry-def-2b}", "postgres://app:cnry-url-3c@db:5432/app", "${DB_PASSWORD}", "true", ""];
const PLAIN_NAMES = ["POSTGRES_USER", "POSTGRES_DB", "TZ", "S3_ENDPOINT", "DATABASE_URL"];
const PLAIN_VALUES = ["app", "UTC", "http://minio:9000", "a b", "${X:?must be set}", "$${ESC}", "postgres://app:cnry-url-4d@db/app", "${DB_URL:-postgres://u:cnry-url-5e@db/x}"];
const COMMANDS = ['["--requirepass", "cnry-cmd-6f"]', "sh -c 'PGPASSWORD=cnry-cmd-7a psql -h db'", "server /data", '["CMD", "pg_isready"]', "--db=postgres://u:cnry-cmd-8b@db/app"];
const HEALTHCHECKS = ['["CMD-SHELL", "mysqladmin ping -h localhost -pcnry-hc-9c"]', '["CMD", "pg_isready", "-U", "app"]', '"redis-cli --pass cnry-hc-0d ping"'];

const envEntry = fc.oneof(fc.tuple(fc.constantFrom(...SECRET_NAMES), fc.constantFrom(...SECRET_VALUES)), fc.tuple(fc.constantFrom(...PLAIN_NAMES), fc.constantFrom(...PLAIN_VALUES)));

/** A small compose file with the services and variables the transforms and checks act on. */
const generated: fc.Arbitrary<string> = fc
  .record({
    services: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom("db", "postgres", "minio", "storage", "backup", "web", "api", "minio-init", "node-exporter"),
        image: fc.constantFrom(...IMAGES),
        env: fc.uniqueArray(envEntry, { selector: (e) => e[0], maxLength: 4 }),
        listEnv: fc.boolean(),
        anchored: fc.boolean(),
        command: fc.option(fc.constantFrom(...COMMANDS)),
        healthcheck: fc.option(fc.constantFrom(...HEALTHCHECKS)),
        volumes: fc.array(fc.constantFrom("data:/var/lib/postgresql/data", "./conf:/etc/conf:ro", "/var/run/docker.sock:/var/run/docker.sock"), { maxLength: 2 }),
        deploy: fc.boolean(),
      }),
      { selector: (s) => s.name, minLength: 1, maxLength: 4 },
    ),
    indent: fc.constantFrom(2, 4),
    topVolumes: fc.boolean(),
  })
  .map(({ services, indent, topVolumes }) => {
    const pad = (n: number) => " ".repeat(n * indent);
    const out: string[] = [];
    const anchored = services.find((s) => s.anchored && s.env.length > 0);
    if (anchored) {
      out.push("x-env: &env");
      for (const [k, v] of anchored.env) out.push(`${pad(1)}${k}: ${JSON.stringify(v)}`);
    }
    out.push("services:");
    for (const s of services) {
      out.push(`${pad(1)}${s.name}:`, `${pad(2)}image: ${s.image}`);
      if (s === anchored) out.push(`${pad(2)}environment:`, `${pad(3)}<<: *env`);
      else if (s.env.length && s.listEnv) out.push(`${pad(2)}environment:`, ...s.env.map(([k, v]) => `${pad(3)}- ${JSON.stringify(`${k}=${v}`)}`));
      else if (s.env.length) out.push(`${pad(2)}environment:`, ...s.env.map(([k, v]) => `${pad(3)}${k}: ${JSON.stringify(v)}`));
      if (s.command) out.push(`${pad(2)}command: ${s.command}`);
      if (s.healthcheck) out.push(`${pad(2)}healthcheck:`, `${pad(3)}test: ${s.healthcheck}`);
      if (s.volumes.length) out.push(`${pad(2)}volumes:`, ...s.volumes.map((v) => `${pad(3)}- ${v}`));
      if (s.deploy) out.push(`${pad(2)}deploy:`, `${pad(3)}replicas: 1`);
    }
    if (topVolumes) out.push("volumes:", `${pad(1)}data: {}`);
    return `${out.join("\n")}\n`;
  });

/** Random runs of YAML syntax: what a lexer sees in a file that is not YAML at all. */
const soup: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...INJECTIONS, "services:", "  ", "    ", "\n", "web:", "image: x", "a", "1"), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(""));

interface Drawn {
  source: string;
  base: string;
  mutations: Mutation[];
  edits: Edit[];
}

/** One fuzz case: mostly mutated corpus files, some generated files (plain and secret-laden) and soup. */
export function caseArbitrary(corpus: readonly CorpusFile[]): fc.Arbitrary<Drawn> {
  const mutations = fc.array(mutation(corpus.length), { minLength: 1, maxLength: 4 });
  const edits = fc.array(editArbitrary, { maxLength: 4 });
  const fromCorpus = corpus.length
    ? [{ weight: 6, arbitrary: fc.record({ file: fc.nat({ max: corpus.length - 1 }), mutations, edits }).map(({ file, ...c }) => ({ source: corpus[file].name, base: corpus[file].text, ...c })) }]
    : [];
  return fc.oneof(
    ...fromCorpus,
    { weight: 2, arbitrary: fc.record({ base: generated, mutations: fc.array(mutation(corpus.length), { maxLength: 3 }), edits }).map((c) => ({ source: "generated", ...c })) },
    { weight: 2, arbitrary: fc.record({ base: secretStack, mutations: fc.array(mutation(corpus.length), { maxLength: 1 }), edits }).map((c) => ({ source: "secrets", ...c })) },
    { weight: 1, arbitrary: fc.record({ base: soup, mutations: fc.constant([] as Mutation[]), edits }).map((c) => ({ source: "soup", ...c })) },
  );
}

const arbitraries = new WeakMap<readonly CorpusFile[], fc.Arbitrary<Drawn>>();

/**
 * The case a seed stands for: the same text on every machine and every run. Three seeds in
 * four draw without fast-check's bias towards small values (positions spread over the whole
 * file); the fourth keeps it (first lines, first characters, empty lists).
 */
export function caseAt(corpus: readonly CorpusFile[], seed: number): FuzzCase {
  let arbitrary = arbitraries.get(corpus);
  if (!arbitrary) arbitraries.set(corpus, (arbitrary = caseArbitrary(corpus)));
  const [drawn] = fc.sample(arbitrary, { seed, numRuns: 1, unbiased: seed % 4 !== 0 });
  const text = drawn.mutations.reduce((t, m) => applyMutation(t, m, corpus), drawn.base);
  return { seed, source: drawn.source, mutations: drawn.mutations, text, edits: drawn.edits };
}
