/**
 * Random edits on whatever a fuzz case parsed to: each edit either succeeds or throws
 * `EditError`, and afterwards the printed text reads back to exactly the data the document
 * holds in memory. A mismatch means an edit changed one half of the document and not the
 * other — the text users get is not what compose-gate believes it wrote.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { parseCompose, type ComposeDocument, type Key } from "../../src/document/compose-document.js";
import { EditError } from "../../src/document/errors.js";
import { describe } from "./describe.js";

export type Edit =
  | { op: "set"; pick: number; value: unknown }
  | { op: "insert"; pick: number; key: string; value: unknown }
  | { op: "delete"; pick: number; prune: boolean }
  | { op: "append"; pick: number; value: unknown }
  | { op: "setEnv"; pick: number; name: string; value: string | null }
  | { op: "deleteEnv"; pick: number; name: string }
  | { op: "renameKey"; pick: number; key: string };

const VALUES: unknown[] = ["x", "8080", 1, true, null, "", "a: b", "#not a comment", "multi\nline", "${X:-y}", "it's", "- item", { a: "b" }, ["p", "q"], {}, [], { nested: { deep: [1, { k: "v" }] } }];
const KEYS = ["new_key", "image", "environment", "<<", "x y", "123", "true", "services", "a:b", "é"];
const ENV_NAMES = ["POSTGRES_PASSWORD", "NEW_VAR", "TZ", "A_FILE"];

export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), pick: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant("insert" as const), pick: fc.nat(), key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat(), prune: fc.boolean() }),
  fc.record({ op: fc.constant("append" as const), pick: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant("setEnv" as const), pick: fc.nat(), name: fc.constantFrom(...ENV_NAMES), value: fc.constantFrom("v", "", "/run/secrets/x", null) }),
  fc.record({ op: fc.constant("deleteEnv" as const), pick: fc.nat(), name: fc.constantFrom(...ENV_NAMES) }),
  fc.record({ op: fc.constant("renameKey" as const), pick: fc.nat(), key: fc.constantFrom(...KEYS) }),
);

/** Every path in the document's data, merged keys included, in a stable order. */
function pathsOf(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(prefix);
  if (out.length > 2000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function apply(doc: ComposeDocument, edit: Edit): void {
  const paths = pathsOf(doc.toJS());
  const path = paths[edit.pick % paths.length];
  const services = doc.services();
  const service = services[edit.pick % Math.max(1, services.length)];
  switch (edit.op) {
    case "set":
      doc.set(path.length ? path : ["services"], edit.value);
      return;
    case "insert":
      doc.set([...path, edit.key], edit.value);
      return;
    case "delete":
      doc.delete(path, { prune: edit.prune });
      return;
    case "append":
      doc.append(path.length ? path : ["services"], edit.value);
      return;
    case "setEnv":
      if (service !== undefined) doc.setEnv(service, edit.name, edit.value);
      return;
    case "deleteEnv":
      if (service !== undefined) doc.deleteEnv(service, edit.name);
      return;
    case "renameKey":
      if (path.length) doc.renameKey(path, edit.key);
      return;
  }
}

/** Violations of the edit contract for `edits` applied in order to the parsed `text`. */
export function checkEdits(text: string, filename: string, edits: readonly Edit[]): string[] {
  try {
    return editViolations(text, filename, edits);
  } catch (error) {
    return [`edits threw ${describe(error)}`];
  }
}

function editViolations(text: string, filename: string, edits: readonly Edit[]): string[] {
  let doc = parseCompose(text, { filename });
  for (const edit of edits) {
    const before = doc.toString();
    try {
      apply(doc, edit);
    } catch (error) {
      if (!(error instanceof EditError)) return [`edit ${JSON.stringify(edit)} threw ${describe(error)}`];
      // A refused edit is undone by whoever asked for it (the pipeline restores its snapshot).
      doc = parseCompose(before, { filename });
      continue;
    }
    const after = doc.toString();
    let reread: ComposeDocument;
    try {
      reread = parseCompose(after, { filename });
    } catch (error) {
      return [`edit ${JSON.stringify(edit)} printed text that does not read back: ${(error as Error).message.split("\n")[0]}`];
    }
    if (!isDeepStrictEqual(reread.toJS(), doc.toJS())) {
      return [`edit ${JSON.stringify(edit)}: the printed text reads back to other data than the document holds`];
    }
  }
  return [];
}
