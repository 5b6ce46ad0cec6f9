/**
 * The shape table (shape-table.ts) derived from the zod schema: zod's own JSON Schema export of
 * `ComposeFile`, reduced to what a value's *kind* can violate (types, object properties, map
 * values, list items, alternatives). Value rules (patterns, enums, ranges, unique items, unknown
 * keys) are left out: the table only screens a file cheaply; the zod schema says what is wrong.
 * Used by `npm run schema:shape` to write the table and by a test that fails when it is stale.
 */
import { z } from "zod";
import { ComposeFile } from "./compose.js";
import type { ShapeNode } from "./shape.js";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $defs?: Record<string, JsonSchema>;
};

/** The table: node 0 is the file; every other node is reached through an index. */
export function buildShapeTable(): ShapeNode[] {
  const root = z.toJSONSchema(ComposeFile, { io: "input", unrepresentable: "any", cycles: "ref", reused: "ref" }) as JsonSchema;
  const defs = root.$defs ?? {};
  const table: ShapeNode[] = [{}];
  const byRef = new Map<string, number>();

  const add = (schema: JsonSchema): number => {
    // A definition may itself be only a reference: follow the chain to the schema it names.
    while (schema.$ref && defs[schema.$ref.replace("#/$defs/", "")]?.$ref) schema = defs[schema.$ref.replace("#/$defs/", "")];
    const name = schema.$ref?.replace("#/$defs/", "");
    if (name !== undefined && byRef.has(name)) return byRef.get(name)!;
    const index = table.push({}) - 1;
    if (name !== undefined) byRef.set(name, index);
    table[index] = node(name !== undefined ? defs[name] : schema);
    return index;
  };

  const node = (schema: JsonSchema): ShapeNode => {
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      return { o: alternatives.map(add) };
    }
    if (schema.allOf?.length === 1) return node(schema.allOf[0]);
    const out: ShapeNode = {};
    const kinds = kindsOf(schema);
    if (kinds) out.t = kinds;
    if (schema.properties) out.p = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, add(v)]));
    if (typeof schema.additionalProperties === "object" && Object.keys(schema.additionalProperties).length > 0) out.a = add(schema.additionalProperties);
    if (schema.items && typeof schema.items === "object") out.i = add(schema.items);
    return out;
  };

  table[0] = node(root);
  return compact(table);
}

/**
 * The same table with identical nodes merged (most are leaves: "a string", "true/false or a
 * string"), renumbered in first-use order so the generated file stays stable.
 */
function compact(table: ShapeNode[]): ShapeNode[] {
  // Merge until nothing changes: merging leaves makes their parents identical in turn.
  let current = table;
  for (;;) {
    const keyOf = current.map((n) => JSON.stringify(n));
    const firstOf = new Map<string, number>();
    const remap = current.map((_, i) => {
      if (i === 0) return 0;
      const first = firstOf.get(keyOf[i]);
      if (first !== undefined) return first;
      firstOf.set(keyOf[i], i);
      return i;
    });
    const next = current.map((n) => renumber(n, (i) => remap[i]));
    if (next.every((n, i) => JSON.stringify(n) === keyOf[i])) break;
    current = next;
  }
  // Keep reachable nodes only, numbered in the order a walk from the root meets them.
  const order: number[] = [];
  const index = new Map<number, number>();
  const visit = (i: number) => {
    if (index.has(i)) return;
    index.set(i, order.push(i) - 1);
    for (const child of children(current[i])) visit(child);
  };
  visit(0);
  return order.map((i) => renumber(current[i], (j) => index.get(j)!));
}

function children(n: ShapeNode): number[] {
  return [...Object.values(n.p ?? {}), ...(n.a !== undefined ? [n.a] : []), ...(n.i !== undefined ? [n.i] : []), ...(n.o ?? [])];
}

function renumber(n: ShapeNode, to: (i: number) => number): ShapeNode {
  const out: ShapeNode = {};
  if (n.t) out.t = n.t;
  if (n.p) out.p = Object.fromEntries(Object.entries(n.p).map(([k, v]) => [k, to(v)]));
  if (n.a !== undefined) out.a = to(n.a);
  if (n.i !== undefined) out.i = to(n.i);
  if (n.o) out.o = n.o.map(to);
  return out;
}

/** The JSON kinds a schema allows at its own level; undefined for any. */
function kindsOf(schema: JsonSchema): ShapeNode["t"] {
  if (schema.type) return (Array.isArray(schema.type) ? schema.type : [schema.type]).map(kind).sort();
  const values = schema.enum ?? ("const" in schema ? [schema.const] : undefined);
  if (values) return [...new Set(values.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v === "number" ? "number" : (typeof v as string))))].sort() as ShapeNode["t"];
  return undefined;
}

function kind(type: string): NonNullable<ShapeNode["t"]>[number] {
  if (type === "integer" || type === "number" || type === "string" || type === "boolean" || type === "null" || type === "array" || type === "object") return type;
  throw new Error(`unexpected JSON Schema type ${type}`);
}

/** The table as the TypeScript module `shape-table.ts` holds it. */
export function shapeTableModule(table: ShapeNode[]): string {
  return (
    "/**\n" +
    " * GENERATED by `npm run schema:shape` from the zod schema (shape-source.ts); do not edit. The kinds\n" +
    " * of value each place of a compose file allows, for the quick screen in shape.ts.\n" +
    " */\n" +
    'import type { ShapeNode } from "./shape.js";\n\n' +
    `export const SHAPE_TABLE: readonly ShapeNode[] = ${JSON.stringify(table)};\n`
  );
}
