/**
 * zod issues as messages a user can act on: the dotted key, what is wrong, and what is allowed
 * there (the keys of the object, or the values of the enum).
 */
import { z } from "zod";

export interface Issue {
  /** Dotted path, e.g. `check.failOn`; empty for the top level. */
  path: (string | number)[];
  message: string;
}

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  enum?: unknown[];
};

/** Turns a failed parse of `schema` into one message per issue. */
export function describeIssues(schema: z.ZodType, error: z.ZodError): Issue[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const allowed = Object.keys(schemaAt(json, issue.path)?.properties ?? {}).filter((k) => k !== "$schema");
      return issue.keys.map((key) => ({
        path: [...issue.path.map(pathKey), key],
        message: `unknown key${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}`,
      }));
    }
    return [{ path: issue.path.map(pathKey), message: issue.message }];
  });
}

export function formatPath(path: (string | number)[]): string {
  return path.length === 0 ? "(top level)" : path.map(String).join(".");
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === "symbol" ? String(key) : key;
}

/** The sub-schema at `path`, looking through arrays, records and unions of objects. */
function schemaAt(schema: JsonSchema | undefined, path: readonly PropertyKey[]): JsonSchema | undefined {
  let current = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = child(current, key);
  }
  return current?.anyOf?.find((s) => s.properties) ?? current;
}

function child(schema: JsonSchema, key: PropertyKey): JsonSchema | undefined {
  const options = schema.anyOf ?? [schema];
  for (const option of options) {
    if (typeof key === "number" && option.items) return option.items;
    const prop = option.properties?.[String(key)];
    if (prop) return prop;
    if (typeof option.additionalProperties === "object") return option.additionalProperties;
  }
  return undefined;
}
