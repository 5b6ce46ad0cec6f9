/**
 * swarm/value-type — values the v3 schema types more narrowly than the Compose spec:
 * a boolean in a key/value map (`environment`, `labels`, `extra_hosts`, `sysctls`) fails with
 * "must be a string, number or null", a numeric `cpus:` under deploy.resources fails with
 * "must be a string", and a quoted `privileged: "true"` or `replicas: "2"` fails with "must be a
 * boolean" / "must be a integer": the stack loader converts a value to the field's type only
 * when interpolation changed it (docker/cli `cli/compose/interpolation`), so a literal string
 * stays a string (probes, docs/checks.md). docker compose accepts all three.
 */
import type { ComposeDocument, Key } from "../../../document/compose-document.js";
import { fileServices, isObject } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule, type CheckContext } from "../../types.js";

/** Key/value maps of a service whose values the v3 schema allows as string, number or null only. */
const SERVICE_MAPS: Key[][] = [
  ["environment"],
  ["labels"],
  ["extra_hosts"],
  ["sysctls"],
  ["deploy", "labels"],
  ["build", "args"],
  ["logging", "options"],
];
/** Key/value maps of top-level resources, same typing (`driver_opts`: string or number). */
const RESOURCE_MAPS: Key[] = ["labels", "driver_opts"];
const SECTIONS = ["networks", "volumes", "secrets", "configs"];

type Typed = "boolean" | "integer" | "number";

/**
 * Service fields the v3.13 schema types as booleans or numbers, each rejected by
 * `docker stack config` (Docker CLI 28.2.2) when written as a quoted literal. `*` is any list
 * index or map key.
 */
const SERVICE_TYPED: [Key[], Typed][] = [
  [["privileged"], "boolean"],
  [["read_only"], "boolean"],
  [["init"], "boolean"],
  [["tty"], "boolean"],
  [["stdin_open"], "boolean"],
  [["oom_score_adj"], "integer"],
  [["healthcheck", "disable"], "boolean"],
  [["healthcheck", "retries"], "number"],
  [["deploy", "replicas"], "integer"],
  [["deploy", "update_config", "parallelism"], "integer"],
  [["deploy", "update_config", "max_failure_ratio"], "number"],
  [["deploy", "rollback_config", "parallelism"], "integer"],
  [["deploy", "rollback_config", "max_failure_ratio"], "number"],
  [["deploy", "restart_policy", "max_attempts"], "integer"],
  [["ports", "*", "target"], "integer"],
  [["ports", "*", "published"], "integer"],
  [["volumes", "*", "read_only"], "boolean"],
  [["volumes", "*", "volume", "nocopy"], "boolean"],
  [["ulimits", "*"], "integer"],
  [["ulimits", "*", "soft"], "integer"],
  [["ulimits", "*", "hard"], "integer"],
];

/** Top-level resource fields typed the same way (`external` also takes a map, which is not a string either). */
const RESOURCE_TYPED: [string, Key[], Typed][] = [
  ["networks", ["external"], "boolean"],
  ["networks", ["internal"], "boolean"],
  ["networks", ["attachable"], "boolean"],
  ["volumes", ["external"], "boolean"],
  ["secrets", ["external"], "boolean"],
  ["configs", ["external"], "boolean"],
];

/** `true` for "true"/"yes"/"on"…, a number for a numeric string, else undefined: what to write instead. */
function literalFor(text: string, type: Typed): string | undefined {
  if (type === "boolean") {
    const lower = text.trim().toLowerCase();
    if (["true", "yes", "y", "on"].includes(lower)) return "true";
    if (["false", "no", "n", "off"].includes(lower)) return "false";
    return undefined;
  }
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n) || (type === "integer" && !Number.isInteger(n))) return undefined;
  return String(n);
}

/**
 * The quoted literals `pattern` reaches in `value` (the plain data at `base`, `*` expanded over
 * list items and map keys), as paths: walking plain data costs nothing for the many services
 * that have none, where asking the document for each pattern would not.
 */
function literalStrings(value: unknown, base: Key[], pattern: Key[]): Key[][] {
  if (pattern.length === 0) return typeof value === "string" && !value.includes("$") ? [base] : [];
  if (value === null || typeof value !== "object") return [];
  const [head, ...rest] = pattern;
  if (head !== "*") return literalStrings((value as Record<string, unknown>)[String(head)], [...base, head], rest);
  const entries: [Key, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => literalStrings(v, [...base, k], rest));
}

/** A quoted literal where the schema wants a boolean or a number; `${…}` values are converted by the loader. */
function typedStrings(ctx: CheckContext, doc: ComposeDocument, base: Key[], pattern: Key[], type: Typed): void {
  for (const path of literalStrings(doc.get(base), base, pattern)) {
    const value = doc.get(path) as string;
    const { label, where, service } = subject(doc, path);
    const instead = literalFor(value, type);
    const fix = instead !== undefined ? `write it unquoted: ${instead}` : `write ${type === "boolean" ? "true or false" : `a${type === "integer" ? "n integer" : " number"}`}`;
    ctx.report({
      path,
      doc,
      ...(service !== undefined ? { service } : {}),
      message: `${label}docker stack deploy rejects a string for ${where} ("must be a ${type}"; only a \${…} value is converted); ${fix}`,
    });
  }
}

/** `Service "web": … environment.FLAG` for service maps, the full path for top-level ones. */
function subject(doc: ComposeDocument, path: Key[]): { label: string; where: string; service?: string | null } {
  if (path[0] !== "services") return { label: "", where: path.join(".") };
  const owner = ownerOf(doc, String(path[1]), path);
  return { label: `${owner.label}: `, where: path.slice(2).join("."), service: owner.service };
}

function booleans(ctx: CheckContext, doc: ComposeDocument, path: Key[]): void {
  // The plain data (cached per service) answers "no boolean here" for nearly every map without
  // reading the document; only a map with one is read key by key, merged keys included.
  const plain = doc.get(path);
  if (!isObject(plain) || !Object.values(plain).some((v) => typeof v === "boolean")) return;
  if (doc.kind(path) !== "map") return;
  for (const key of doc.keys(path)) {
    const value = doc.get([...path, key]);
    if (typeof value !== "boolean") continue;
    const { label, where, service } = subject(doc, [...path, key]);
    ctx.report({
      path: [...path, key],
      doc,
      ...(service !== undefined ? { service } : {}),
      message: `${label}docker stack deploy rejects the boolean ${String(value)} for ${where} (the v3 schema allows strings and numbers there); quote it: "${String(value)}"`,
    });
  }
}

function resourceMaps(ctx: CheckContext, doc: ComposeDocument): void {
  for (const section of SECTIONS) {
    if (doc.kind([section]) !== "map") continue;
    for (const name of doc.keys([section])) for (const sub of RESOURCE_MAPS) booleans(ctx, doc, [section, name, sub]);
  }
}

function numericCpus(ctx: CheckContext, doc: ComposeDocument, name: string): void {
  for (const kind of ["limits", "reservations"]) {
    const path = ["services", name, "deploy", "resources", kind, "cpus"];
    const value = doc.get(path);
    if (typeof value !== "number") continue;
    const { label, where, service } = subject(doc, path);
    ctx.report({ path, doc, ...(service !== undefined ? { service } : {}), message: `${label}docker stack deploy rejects a number for ${where} ("must be a string"); quote it: "${value}"` });
  }
}

/** `services` and each service must be maps: "services must be a mapping", "services.web must be a mapping" (probes). */
function shapes(ctx: CheckContext, doc: ComposeDocument): void {
  const kind = doc.kind(["services"]);
  if (kind === "seq" || kind === "scalar") {
    ctx.report({ path: ["services"], doc, service: null, message: `docker stack deploy rejects the file: services must be a map of service names to definitions, not a ${kind === "seq" ? "list" : "value"}` });
    return;
  }
  if (kind !== "map") return;
  for (const name of doc.keys(["services"])) {
    const k = doc.kind(["services", name]);
    if (k === "seq" || k === "scalar") ctx.report({ path: ["services", name], doc, message: `docker stack deploy rejects the file: services.${name} must be a map of settings, not a ${k === "seq" ? "list" : "value"}` });
  }
}

export default defineRule({
  id: "swarm/value-type",
  severity: "error",
  summary: "A value has a type the v3 stack schema rejects (services not a map, a boolean label or variable, a numeric cpus, a quoted true or number)",
  description:
    "`services` must be a map, and so must each service (\"services must be a mapping\", \"services.web must be " +
    "a mapping\"). The v3 schema allows only strings, numbers and null as values of environment, labels, deploy.labels, " +
    "extra_hosts, sysctls, build.args and logging.options maps, and of top-level labels and driver_opts: `FLAG: true` " +
    "fails with \"must be a string, number or null\" (write " +
    "\"true\"). deploy.resources.limits/reservations.cpus must be a string: `cpus: 0.5` fails with \"must be a string\" " +
    "(write '0.5'). Fields typed boolean, integer or number (privileged, read_only, init, tty, replicas, ports' target and " +
    "published, ulimits, healthcheck retries, external, …) reject a quoted literal: `privileged: \"true\"` fails with " +
    "\"must be a boolean\", because the loader converts a value only when interpolation changed it (docker/cli " +
    "cli/compose/interpolation). docker compose accepts all these forms. Probed with `docker stack config` (docs/checks.md).",
  run(ctx) {
    for (const doc of ctx.project.docs) shapes(ctx, doc);
    for (const { doc, name } of fileServices(ctx.project)) {
      for (const sub of SERVICE_MAPS) booleans(ctx, doc, ["services", name, ...sub]);
      numericCpus(ctx, doc, name);
      for (const [pattern, type] of SERVICE_TYPED) typedStrings(ctx, doc, ["services", name], pattern, type);
    }
    for (const doc of ctx.project.docs) {
      resourceMaps(ctx, doc);
      for (const [section, pattern, type] of RESOURCE_TYPED) {
        if (doc.kind([section]) === "map") for (const name of doc.keys([section])) typedStrings(ctx, doc, [section, name], pattern, type);
      }
    }
  },
});
