/**
 * A transform's options as documentation, read from its zod schema (through zod's JSON Schema
 * export): name, type, default and the `.describe()` text. `explain` prints these, so the
 * help users see is the schema the options are validated with.
 */
import { z } from "zod";

export interface OptionDoc {
  name: string;
  type: string;
  /** JSON of the default, or undefined when the option has none. */
  default?: string;
  description: string;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  default?: unknown;
  description?: string;
}

export function optionDocs(schema: z.ZodObject): OptionDoc[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    type: typeName(prop),
    ...(prop.default !== undefined ? { default: JSON.stringify(prop.default) } : {}),
    description: prop.description ?? "",
  }));
}

function typeName(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" | ");
  if (schema.type === "array") return `${schema.items ? wrap(typeName(schema.items)) : "any"}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return schema.type ?? "any";
}

function wrap(type: string): string {
  return type.includes(" | ") ? `(${type})` : type;
}
