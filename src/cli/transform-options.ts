/**
 * Transform options from the config's `transforms` section and `--set <id>.<option>=<value>`
 * flags (the flags win). Values are read as JSON when they parse (`true`, `5`, `["a"]`), else
 * as strings. Everything is validated against each transform's zod schema before any file is
 * touched; errors name the key and what is allowed there.
 */
import { describeIssues, formatPath } from "../config/issues.js";
import type { Transform } from "../transforms/types.js";
import { CliError } from "./errors.js";
import { assertKnownTransform } from "./selection.js";

export type TransformOptions = Record<string, Record<string, unknown>>;

export interface SetFlag {
  id: string;
  path: string[];
  value: unknown;
  /** `<id>.<option>` as typed, without the value (values may be secrets: never echoed). */
  name: string;
}

const SET_FORMAT = /^([^.=\s]+)\.([^=]+)=(.*)$/s;
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function parseSetFlags(values: string[]): SetFlag[] {
  return values.map((raw) => {
    const match = SET_FORMAT.exec(raw);
    if (!match) throw new CliError(`--set ${raw.split("=")[0]}: expected <transform>.<option>=<value>, e.g. --set s3-external.bucket=busflow-files`);
    const path = match[2].split(".");
    const name = `${match[1]}.${match[2]}`;
    if (path.some((k) => k === "" || UNSAFE_KEYS.has(k))) throw new CliError(`--set ${name}: invalid option name "${match[2]}"`);
    return { id: match[1], path, value: parseValue(match[3]), name };
  });
}

/** JSON when it parses, else the text itself (`--set x.region=eu-central` needs no quotes). */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface OptionSources {
  /** The config's `transforms` section. */
  config?: Record<string, Record<string, unknown>>;
  /** Name of the config file, for messages. */
  configName?: string;
  sets: SetFlag[];
}

/** Merged, validated options per transform id (raw values: the pipeline fills defaults). */
export function buildTransformOptions(transforms: readonly Transform[], sources: OptionSources): TransformOptions {
  const known = transforms.map((t) => t.id);
  const options: TransformOptions = {};
  for (const [id, values] of Object.entries(sources.config ?? {})) {
    assertKnownTransform(id, known, `in ${sources.configName ?? "the config"} (transforms.${id})`);
    options[id] = structuredClone(values);
  }
  for (const flag of sources.sets) {
    assertKnownTransform(flag.id, known, `in --set ${flag.name}`);
    setPath((options[flag.id] ??= {}), flag.path, flag.value);
  }
  for (const [id, values] of Object.entries(options)) validate(transforms.find((t) => t.id === id)!, values, sources);
  return options;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    current = (current[key] = next && typeof next === "object" && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  current[path[path.length - 1]] = value;
}

function validate(transform: Transform, values: Record<string, unknown>, sources: OptionSources): void {
  const schema = transform.options.strict();
  const result = schema.safeParse(values);
  if (result.success) return;
  const from = [sources.configName && sources.config?.[transform.id] ? sources.configName : undefined, sources.sets.some((s) => s.id === transform.id) ? "--set" : undefined]
    .filter(Boolean)
    .join(" and ");
  const issues = describeIssues(schema, result.error);
  const lines = issues.map((issue) => `  ${transform.id}.${formatPath(issue.path)}: ${issue.message}`);
  // `--set x.list=a,b` is the text "a,b": lists are written as JSON.
  const list = issues.find((issue) => /expected array/.test(issue.message) && sources.sets.some((s) => s.id === transform.id && typeof s.value === "string"));
  const hint = list ? `\nA list is given as JSON: --set ${transform.id}.${formatPath(list.path)}='["a","b"]'` : "";
  throw new CliError(`invalid options for ${transform.id} (from ${from}):\n${lines.join("\n")}${hint}\nSee: compose-gate explain ${transform.id}`);
}
