/**
 * Building blocks shared by the compose schemas. They encode the JSON-schema idioms the
 * compose spec uses everywhere, so the schema files can read like the spec itself:
 *
 * - `additionalProperties: false` + `patternProperties: {"^x-": {}}` → `specObject`. Unknown keys
 *   are kept in the parsed value (nothing a user wrote is ever dropped) but reported as issues.
 * - `patternProperties: {"^[a-zA-Z0-9._-]+$": …}` → `namedMap`.
 * - `uniqueItems: true` → `uniqueList`.
 * - `type: ["integer", "string"]` and friends → `interpolable`, because any typed field may hold a
 *   `${VAR}` that only becomes a number or boolean after interpolation.
 */
import { z } from "zod";
import { closestKey, describeValue } from "./messages.js";

/** Keys compose lets anyone add: the spec's only sanctioned way to extend a file. */
export const EXTENSION_KEY = /^x-/;

/** Names of services, volumes, secrets, configs, networks and models. */
export const RESOURCE_NAME = /^[a-zA-Z0-9._-]+$/;

type Shape = z.core.$ZodLooseShape;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const whenObject = { when: (payload: z.core.ParsePayload) => isPlainObject(payload.value) };
const whenArray = { when: (payload: z.core.ParsePayload) => Array.isArray(payload.value) };

export interface SpecObjectOptions {
  /** What the object is, for messages ("service", "healthcheck"). */
  what: string;
  /** Whether `x-*` keys are allowed (true unless the spec leaves out `patternProperties`). */
  extensions?: boolean;
}

/**
 * A closed object of the spec. It is a loose object so unknown keys survive parsing, with a
 * check that reports each one: the check runs even when sibling values already failed, so a
 * typo and a wrong type in the same service are both reported.
 */
export function specObject<S extends Shape>(shape: S, options: SpecObjectOptions) {
  const known = new Set(Object.keys(shape));
  const extensions = options.extensions ?? true;
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (known.has(key) || (extensions && EXTENSION_KEY.test(key))) continue;
      ctx.addIssue({ code: "custom", path: [key], message: unknownKeyMessage(key, [...known], options) });
    }
  }, whenObject);
}

function unknownKeyMessage(key: string, known: string[], options: SpecObjectOptions): string {
  const hint = closestKey(key, known);
  const extension = (options.extensions ?? true) ? ` (custom keys must start with "x-")` : "";
  const suggestion = hint ? `; did you mean "${hint}"?` : "";
  return `"${key}" is not a valid ${options.what} key${extension}${suggestion}`;
}

/**
 * A map keyed by user-chosen names. With `strictNames`, names outside `[a-zA-Z0-9._-]` are
 * reported (the spec's `additionalProperties: false`); the entry is still validated and kept.
 */
export function namedMap<V extends z.ZodType>(value: V, what: string, strictNames = true) {
  const map = z.record(z.string(), value);
  if (!strictNames) return map;
  return map.superRefine((entries, ctx) => {
    for (const name of Object.keys(entries)) {
      if (RESOURCE_NAME.test(name)) continue;
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `"${name}" is not a valid ${what} name (use letters, digits, ".", "_" and "-")`,
      });
    }
  }, whenObject);
}

/** A list whose items must differ; a repeat is reported at its own index. */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((entry, index) => {
      const key = canonical(entry);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else ctx.addIssue({ code: "custom", path: [index], message: `duplicate of item [${first}] (${describeValue(entry)}); items must be unique` });
    });
  }, whenArray);
}

/** JSON with sorted keys: two maps are the same item whatever order their keys are written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A union whose failure message says, in compose terms, which forms are accepted. */
export function oneOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(options: T, message: string) {
  return z.union(options, {
    error: (issue) => (issue.input === undefined ? `is required: ${message}` : `${message}, got ${describeValue(issue.input)}`),
  });
}

/** A typed field that also takes a string, since `${VAR}` is only resolved at load time. */
export function interpolable<T extends z.ZodType>(type: T, expected: string) {
  return oneOf([type, z.string()], `expected ${expected} or a string such as "\${VAR}"`);
}

export const boolOrString = interpolable(z.boolean(), "true/false");
export const intOrString = interpolable(z.number().int(), "an integer");
export const numberOrString = interpolable(z.number(), "a number");

/** `list_of_strings`: unique strings. */
export const ListOfStrings = uniqueList(z.string());

/** `string_or_list`. */
export const StringOrList = oneOf([z.string(), ListOfStrings], "expected a string or a list of strings");

/** A value in a `KEY: value` map: compose turns each into a string. */
export const MapValue = oneOf(
  [z.string(), z.number(), z.boolean(), z.null()],
  "expected a string, number, boolean or empty value (lists and maps are not allowed here)",
);

/** `list_or_dict`: environment, labels, build args, sysctls… */
export const ListOrDict = oneOf(
  [z.record(z.string(), MapValue), uniqueList(z.string())],
  "must be a map of KEY: value or a list of KEY=value strings",
);
export type ListOrDict = z.infer<typeof ListOrDict>;

/** `driver_opts`: driver options are strings or numbers. */
export const DriverOpts = z.record(z.string(), oneOf([z.string(), z.number()], "expected a string or a number"));

/** `command` / `entrypoint`: null resets the image default, a string runs in a shell. */
export const Command = oneOf(
  [z.null(), z.string(), z.array(z.string())],
  "expected a command string, a list of strings, or null",
);
export type Command = z.infer<typeof Command>;
