/**
 * Property tests: random compose files in random house styles, random sequences of edits.
 * Invariants: every output reads back; the data equals an oracle model that received the same
 * edits; and the text of every service no edit touched is byte-for-byte what it was.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";

interface ServiceModel {
  image: string;
  env: [string, string][];
  envForm: "map" | "list";
  ports: string[];
  portsFlow: boolean;
  comment: boolean;
  trailingComment: boolean;
}

interface Style {
  indent: 2 | 4;
  indentSeq: boolean;
  eol: "\n" | "\r\n";
  blankBetween: boolean;
  finalNewline: boolean;
}

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
const envValue = fc.oneof(
  fc.stringMatching(/^[a-z0-9./:-]{1,12}$/),
  fc.constantFrom("true", "1.10", "0755", "yes", "${VAR}", "${A:-b}", "x y", "a: b", "#hash", "", "...-", "- x", "multi\nline"),
  fc.string({ maxLength: 10 }),
);
const port = fc.integer({ min: 1, max: 9999 }).map((p) => `${p}:${p}`);

const service: fc.Arbitrary<ServiceModel> = fc.record({
  image: fc.stringMatching(/^[a-z]{1,8}:[0-9]\.[0-9]$/),
  env: fc.uniqueArray(fc.tuple(envName, envValue), { selector: (e) => e[0], maxLength: 4 }),
  envForm: fc.constantFrom("map" as const, "list" as const),
  ports: fc.uniqueArray(port, { maxLength: 3 }),
  portsFlow: fc.boolean(),
  comment: fc.boolean(),
  trailingComment: fc.boolean(),
});

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  eol: fc.constantFrom("\n" as const, "\r\n" as const),
  blankBetween: fc.boolean(),
  finalNewline: fc.boolean(),
});

const q = (v: string) => JSON.stringify(v);

function render(services: [string, ServiceModel][], s: Style): string {
  const pad = (n: number) => " ".repeat(n * s.indent);
  const seqPad = (n: number) => (s.indentSeq ? pad(n + 1) : pad(n));
  const lines: string[] = ["# generated stack", "services:"];
  services.forEach(([svc, m], i) => {
    if (i > 0 && s.blankBetween) lines.push("");
    if (m.comment) lines.push(`${pad(1)}# about ${svc}`);
    lines.push(`${pad(1)}${svc}:`, `${pad(2)}image: ${m.image}`);
    if (m.env.length) {
      lines.push(`${pad(2)}environment:`);
      for (const [k, v] of m.env) {
        lines.push(m.envForm === "map" ? `${pad(3)}${k}: ${q(v)}` : `${seqPad(2)}- ${q(`${k}=${v}`)}`);
      }
    }
    if (m.ports.length) {
      if (m.portsFlow) lines.push(`${pad(2)}ports: [${m.ports.map(q).join(", ")}]`);
      else lines.push(`${pad(2)}ports:`, ...m.ports.map((p) => `${seqPad(2)}- ${q(p)}`));
    }
    // A deeper comment at the end of a block is handed to the deepest open collection.
    if (m.trailingComment) lines.push(`${pad(3)}# end of ${svc}`);
  });
  return lines.join(s.eol) + (s.finalNewline ? s.eol : "");
}

type Op =
  | { kind: "setEnv"; service: number; name: string; value: string }
  | { kind: "deleteEnv"; service: number; name: number }
  | { kind: "renameEnv"; service: number; name: number; to: string }
  | { kind: "image"; service: number; value: string }
  | { kind: "addPort"; service: number; port: string }
  | { kind: "removePort"; service: number; index: number }
  | { kind: "deleteService"; service: number }
  | { kind: "addSecret"; service: number; secret: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("setEnv" as const), service: fc.nat(), name: envName, value: envValue }),
  fc.record({ kind: fc.constant("deleteEnv" as const), service: fc.nat(), name: fc.nat() }),
  fc.record({ kind: fc.constant("renameEnv" as const), service: fc.nat(), name: fc.nat(), to: envName.map((n) => `${n}_FILE`) }),
  fc.record({ kind: fc.constant("image" as const), service: fc.nat(), value: fc.stringMatching(/^[a-z]{1,8}:[0-9]\.[0-9]{1,2}$/) }),
  fc.record({ kind: fc.constant("addPort" as const), service: fc.nat(), port }),
  fc.record({ kind: fc.constant("removePort" as const), service: fc.nat(), index: fc.nat() }),
  fc.record({ kind: fc.constant("deleteService" as const), service: fc.nat() }),
  fc.record({ kind: fc.constant("addSecret" as const), service: fc.nat(), secret: name }),
);

/** The data the file should hold after the edits, computed without YAML. */
function expectedData(services: Map<string, ServiceModel>, secrets: Set<string>) {
  const out: Record<string, unknown> = {};
  for (const [svc, m] of services) {
    const s: Record<string, unknown> = { image: m.image };
    if (m.env.length) s.environment = m.envForm === "map" ? Object.fromEntries(m.env) : m.env.map(([k, v]) => `${k}=${v}`);
    if (m.ports.length) s.ports = m.ports;
    const own = [...secrets].filter((x) => x.startsWith(`${svc}/`)).map((x) => x.slice(svc.length + 1));
    if (own.length) s.secrets = own;
    out[svc] = s;
  }
  return out;
}

/** Text of a service's block from its key line to its last content line. */
function block(text: string, svc: string, indent: number): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l === `${" ".repeat(indent)}${svc}:`);
  if (start < 0) return undefined;
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "" || l.trimStart().startsWith("#")) continue;
    if (l.length - l.trimStart().length <= indent) break;
    end = i;
  }
  return lines.slice(start, end + 1).join("\n");
}

describe("random edits on random files", () => {
  it("keep the file readable, the data right and untouched services byte-identical", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, service), { selector: (s) => s[0], minLength: 1, maxLength: 5 }),
        style,
        fc.array(op, { maxLength: 8 }),
        (generated, s, ops) => {
          const text = render(generated, s);
          const doc = parseCompose(text);
          expect(doc.toString()).toBe(text);
          const model = new Map(generated.map(([k, v]) => [k, structuredClone(v)]));
          const secrets = new Set<string>();
          const touched = new Set<string>();
          for (const o of ops) {
            const names = [...model.keys()];
            if (names.length <= 1 && o.kind === "deleteService") continue;
            if (names.length === 0) break;
            const svc = names[o.service % names.length];
            const m = model.get(svc)!;
            touched.add(svc);
            switch (o.kind) {
              case "setEnv": {
                doc.setEnv(svc, o.name, o.value);
                const at = m.env.findIndex(([k]) => k === o.name);
                if (at >= 0) m.env[at] = [o.name, o.value];
                else {
                  if (m.env.length === 0) {
                    // A new environment block takes the form most services use.
                    const forms = [...model.values()].filter((x) => x.env.length > 0).map((x) => x.envForm);
                    m.envForm = forms.filter((f) => f === "list").length > forms.filter((f) => f === "map").length ? "list" : "map";
                  }
                  m.env.push([o.name, o.value]);
                }
                break;
              }
              case "deleteEnv": {
                if (!m.env.length) break;
                const [k] = m.env[o.name % m.env.length];
                doc.deleteEnv(svc, k);
                m.env = m.env.filter(([n]) => n !== k);
                break;
              }
              case "renameEnv": {
                if (!m.env.length) break;
                const [k, v] = m.env[o.name % m.env.length];
                if (m.env.some(([n]) => n === o.to)) break;
                doc.renameEnv(svc, k, o.to);
                m.env = m.env.map(([n, val]) => (n === k ? [o.to, v] : [n, val]));
                break;
              }
              case "image":
                doc.set(["services", svc, "image"], o.value);
                m.image = o.value;
                break;
              case "addPort":
                if (m.ports.includes(o.port)) break;
                doc.append(["services", svc, "ports"], o.port);
                m.ports.push(o.port);
                break;
              case "removePort": {
                if (!m.ports.length) break;
                const p = m.ports[o.index % m.ports.length];
                doc.removeWhere(["services", svc, "ports"], (v) => v === p, { prune: true });
                m.ports = m.ports.filter((x) => x !== p);
                break;
              }
              case "deleteService":
                doc.delete(["services", svc]);
                model.delete(svc);
                break;
              case "addSecret":
                if (secrets.has(`${svc}/${o.secret}`)) break;
                doc.append(["services", svc, "secrets"], o.secret);
                secrets.add(`${svc}/${o.secret}`);
                break;
            }
          }
          const out = doc.toString();
          const reread = parseCompose(out);
          expect(reread.toJS().services).toEqual(expectedData(model, secrets));
          for (const [svc] of generated) {
            if (touched.has(svc) || !model.has(svc)) continue;
            expect(block(out, svc, s.indent)).toBe(block(text, svc, s.indent));
          }
          // Line endings stay the file's own.
          if (s.eol === "\r\n") expect(out.replace(/\r\n/g, "")).not.toContain("\n");
          else expect(out).not.toContain("\r");
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
  });
});
