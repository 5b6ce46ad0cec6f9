/**
 * swarm/rejected-key — Compose-spec keys the v3.13 schema does not have (`scale`, `cpus`,
 * `pull_policy`, `include`, a secret's `environment:` source, …): docker stack deploy fails
 * with "Additional property <key> is not allowed". Keys with rules of their own (`name`,
 * `profiles`, a port's `host_ip`) and forbidden keys (swarm/forbidden) are not reported here.
 */
import type { ComposeDocument, Key } from "../../../document/compose-document.js";
import { allowedInStack, type KeyScope } from "../../shared/stack-schema.js";
import { isObject } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule, type CheckContext } from "../../types.js";

/** Keys another swarm rule reports, with its own advice. */
const OWN_RULE: Partial<Record<KeyScope, string[]>> = { "top-level": ["name"], service: ["profiles"], port: ["host_ip"] };

/**
 * Whether the value at `path` is a map. Asked of the plain data (cached per service), which
 * holds a map exactly where the document does and is cheaper to ask than the document.
 */
const isMapAt = (doc: ComposeDocument, path: Key[]): boolean => isObject(doc.get(path));

/** Every map the v3 schema constrains in `doc`, with its scope. */
function scopes(doc: ComposeDocument): { path: Key[]; scope: KeyScope }[] {
  const out: { path: Key[]; scope: KeyScope }[] = [{ path: [], scope: "top-level" }];
  const named = (section: string, scope: KeyScope) => {
    if (!isMapAt(doc, [section])) return;
    for (const key of doc.keys([section])) if (isMapAt(doc, [section, key])) out.push({ path: [section, key], scope });
  };
  named("secrets", "secret");
  named("configs", "config");
  named("networks", "network");
  named("volumes", "volume");
  if (!isMapAt(doc, ["services"])) return out;
  for (const service of doc.services()) {
    const base = ["services", service];
    if (!isMapAt(doc, base)) continue;
    out.push({ path: base, scope: "service" });
    listMaps(doc, [...base, "ports"]).forEach((path) => out.push({ path, scope: "port" }));
    listMaps(doc, [...base, "volumes"]).forEach((path) => out.push({ path, scope: "service-volume" }));
    if (isMapAt(doc, [...base, "networks"])) {
      for (const net of doc.keys([...base, "networks"])) {
        if (isMapAt(doc, [...base, "networks", net])) out.push({ path: [...base, "networks", net], scope: "service-network" });
      }
    }
  }
  return out;
}

/** Paths of the long-syntax (map) items of the list at `path`. */
function listMaps(doc: ComposeDocument, path: Key[]): Key[][] {
  const items = doc.get(path);
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) => (isObject(item) ? [[...path, i]] : []));
}

/** How a finding about `key` in the map at `path` starts, and which service it belongs to. */
function subject(doc: ComposeDocument, path: Key[], key: string): { text: string; service?: string | null } {
  const quoted = `("Additional property ${key} is not allowed" in the v3 schema)`;
  if (path.length === 0) return { text: `docker stack deploy rejects ${key} at the top level ${quoted}` };
  if (path[0] !== "services") return { text: `docker stack deploy rejects ${key} in ${path.join(".")} ${quoted}` };
  const owner = ownerOf(doc, String(path[1]), [...path, key]);
  const inside = path.length > 2 ? ` in ${path.slice(2).join(".")}` : "";
  return { text: `${owner.label}: docker stack deploy rejects ${key}${inside} ${quoted}`, service: owner.service };
}

function check(ctx: CheckContext, doc: ComposeDocument, path: Key[], scope: KeyScope): void {
  // The plain map holds every key `keys` lists (merged ones included): nearly every map has
  // allowed keys only and needs no reading of the document.
  if (Object.keys(doc.get(path) as object).every((key) => allowedInStack(scope, key))) return;
  for (const key of doc.keys(path)) {
    if (allowedInStack(scope, key) || OWN_RULE[scope]?.includes(key)) continue;
    const { text, service } = subject(doc, path, key);
    ctx.report({ path: [...path, key], doc, message: text, ...(service !== undefined ? { service } : {}) });
  }
}

export default defineRule({
  id: "swarm/rejected-key",
  severity: "error",
  summary: "A key the v3 stack schema does not allow (scale, cpus, pull_policy, include, …)",
  description:
    "docker stack deploy validates each file against the v3.x schemas (newest v3.13, docker/cli " +
    "cli/compose/schema/data) and rejects keys they lack with \"Additional property <key> is not allowed\": at service " +
    "level e.g. scale, cpus, mem_reservation, pull_policy, platform, develop, post_start, gpus; at the top level " +
    "include and models; a top-level secret's `environment` or `content` source; a port's name or app_protocol; a " +
    "service network's priority or gw_priority; x- extensions inside ports, volume mounts and service networks. Every " +
    "key set was probed with `docker stack config` (docs/checks.md).",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      for (const { path, scope } of scopes(doc)) check(ctx, doc, path, scope);
    }
  },
});
