/**
 * swarm/value-type — values the v3 schema types more narrowly than the Compose spec:
 * a boolean in a key/value map (`environment`, `labels`, `extra_hosts`, `sysctls`) fails with
 * "must be a string, number or null", and a numeric `cpus:` under deploy.resources fails with
 * "must be a string" (probes, docs/checks.md). docker compose accepts both.
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
  summary: "A value has a type the v3 stack schema rejects (services not a map, a boolean label or variable, a numeric cpus)",
  description:
    "`services` must be a map, and so must each service (\"services must be a mapping\", \"services.web must be " +
    "a mapping\"). The v3 schema allows only strings, numbers and null as values of environment, labels, deploy.labels, " +
    "extra_hosts, sysctls, build.args and logging.options maps, and of top-level labels and driver_opts: `FLAG: true` " +
    "fails with \"must be a string, number or null\" (write " +
    "\"true\"). deploy.resources.limits/reservations.cpus must be a string: `cpus: 0.5` fails with \"must be a string\" " +
    "(write '0.5'). docker compose accepts both forms. Probed with `docker stack config` (docs/checks.md).",
  run(ctx) {
    for (const doc of ctx.project.docs) shapes(ctx, doc);
    for (const { doc, name } of fileServices(ctx.project)) {
      for (const sub of SERVICE_MAPS) booleans(ctx, doc, ["services", name, ...sub]);
      numericCpus(ctx, doc, name);
    }
    for (const doc of ctx.project.docs) resourceMaps(ctx, doc);
  },
});
