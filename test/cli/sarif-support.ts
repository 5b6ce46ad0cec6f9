/**
 * SARIF helpers for tests: validation against the SARIF 2.1.0 JSON schema as published (the
 * rtm.5 schema shipped in @microsoft/jest-sarif; a draft-04 schema, hence ajv-draft-04), with
 * formats checked, and applying a fix's replacements to a text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { repoRoot } from "../_utils.js";

const schemaFile = path.join(repoRoot, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
let validator: Validator | undefined;

/** The schema errors of `log` (empty when it is valid SARIF 2.1.0). */
export function sarifErrors(log: unknown): string[] {
  if (!validator) {
    // The schema has a language pattern (`…]?$`) that is invalid with the `u` flag ajv uses by default.
    // Both packages are CommonJS with `exports.default`, which is what an ES import sees under `.default`.
    const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8"))) as Validator;
  }
  if (validator(log)) return [];
  return ((validator.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

export interface SarifReplacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent: { text: string };
}

/** Applies SARIF replacements (line/column regions, lines split at `\n`) to `text`, last first. */
export function applyReplacements(text: string, replacements: SarifReplacement[]): string {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1] + column - 1;
  const sorted = [...replacements].sort((a, b) => b.deletedRegion.startLine - a.deletedRegion.startLine);
  let out = text;
  for (const r of sorted) {
    const from = offset(r.deletedRegion.startLine, r.deletedRegion.startColumn);
    const to = offset(r.deletedRegion.endLine, r.deletedRegion.endColumn);
    out = out.slice(0, from) + r.insertedContent.text + out.slice(to);
  }
  return out;
}
