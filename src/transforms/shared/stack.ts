/**
 * What the transforms that add or rewire a helper service (a backup job, an exporter) need to
 * know about the stack around it: whether it is deployed with `docker stack deploy` or
 * `docker compose`, which networks and restart convention the service it serves uses, and
 * where an environment edit may land without touching files or anchors it must not touch.
 */
import type { AnchorUse, ComposeDocument, Location } from "../../document/compose-document.js";
import { listToMap } from "../../project/merge.js";
import type { Project } from "../../project/project.js";
import { literalSecretsIn } from "../../secrets/detect.js";
import { shimExports } from "../../secrets/shim-format.js";

export type Target = "swarm" | "compose";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys under `deploy:` that only Swarm acts on or that Swarm stacks typically carry. */
const SWARM_DEPLOY_KEYS = ["mode", "placement", "restart_policy", "update_config", "rollback_config", "endpoint_mode"];

/**
 * Swarm when any service uses Swarm scheduling (`deploy.mode`, `placement`, `restart_policy`,
 * `update_config`…), a network uses the `overlay` driver, or a secret or config is `external`
 * (which `docker compose up` rejects: domain.md §3). Otherwise plain compose.
 */
export function deployTarget(project: Project, option: "auto" | Target): Target {
  if (option !== "auto") return option;
  const model = project.model();
  for (const service of Object.values(isObject(model.services) ? model.services : {})) {
    const deploy = isObject(service) ? service.deploy : undefined;
    if (isObject(deploy) && SWARM_DEPLOY_KEYS.some((k) => k in deploy)) return "swarm";
  }
  for (const network of Object.values(isObject(model.networks) ? model.networks : {})) {
    if (isObject(network) && network.driver === "overlay") return "swarm";
  }
  for (const section of [model.secrets, model.configs]) {
    for (const entry of Object.values(isObject(section) ? section : {})) {
      if (isObject(entry) && entry.external === true) return "swarm";
    }
  }
  return "compose";
}

/** Jobs run to completion and are never updated in place (`deploy.mode: replicated-job`, `global-job`). */
export function isJob(def: Record<string, unknown>): boolean {
  const deploy = isObject(def.deploy) ? def.deploy : {};
  return typeof deploy.mode === "string" && deploy.mode.endsWith("-job");
}

/**
 * A service's environment from the merged model, values as Docker reads them (text), with the
 * variables an entrypoint shim of env-to-secrets exports (src/secrets/shim-format.ts).
 */
export function serviceEnv(project: Project, service: string): Map<string, string | null> {
  const def = project.service(service);
  const raw = listToMap(def?.environment);
  const out = new Map<string, string | null>(shimExports(def?.entrypoint));
  for (const [name, value] of Object.entries(raw)) out.set(name, value === null || value === undefined ? null : String(value));
  return out;
}

/** The networks a service joins (names), `[]` for the default network, undefined for `network_mode`. */
export function serviceNetworks(project: Project, service: string): string[] | undefined {
  const def = project.service(service);
  if (def?.network_mode !== undefined) return undefined;
  const networks = def?.networks;
  if (Array.isArray(networks)) return networks.filter((n): n is string => typeof n === "string");
  if (isObject(networks)) return Object.keys(networks);
  return [];
}

/**
 * The networks of `networks` declared `internal: true`, when that is all of them: a service on
 * such networks only has no route out (the compose spec's `internal` network attribute makes
 * an externally isolated network), so a job that uploads to a bucket must also join one that
 * has. Undefined when some network reaches out (the default network does).
 */
export function isolatingNetworks(project: Project, networks: readonly string[]): string[] | undefined {
  if (networks.length === 0) return undefined;
  const declared = project.get(["networks"]);
  const internal = (name: string) => isObject(declared) && isObject(declared[name]) && declared[name].internal === true;
  return networks.every(internal) ? [...networks] : undefined;
}

/** Adds `network` to the networks the service lists (in the file that defines them); false when it is there, the service lists none, or they cannot be edited here. */
export function joinServiceNetwork(project: Project, service: string, network: string): boolean {
  const path = ["services", service, "networks"];
  const placed = project.placeSet(path);
  if (!placed.ok || !placed.doc.has(path) || placed.doc.sharedAt(path).length > 0) return false;
  return joinNetwork(placed.doc, service, network);
}

/**
 * Makes `service` join `network` too. A service on the implicit default network keeps it
 * (`default` is written) unless `keepDefault` is false — an exporter needs no other network.
 */
export function joinNetwork(doc: ComposeDocument, service: string, network: string, keepDefault = true): boolean {
  const current = doc.get(["services", service, "networks"]);
  if (isObject(current)) {
    if (network in current) return false;
    doc.set(["services", service, "networks", network], {});
    return true;
  }
  if (Array.isArray(current)) {
    if (current.includes(network)) return false;
    doc.append(["services", service, "networks"], network);
    return true;
  }
  doc.set(["services", service, "networks"], keepDefault ? ["default", network] : [network]);
  return true;
}

/**
 * The restart settings a new helper should share with the service it serves: the same
 * `deploy.restart_policy` on Swarm (`restart:` is ignored by stack deploy), the same
 * `restart:` under compose (or `unless-stopped`, so the helper survives a host reboot).
 */
export function restartSettings(project: Project, service: string, target: Target): Record<string, unknown> {
  const def = project.service(service);
  if (target === "swarm") {
    const policy = isObject(def?.deploy) ? def.deploy.restart_policy : undefined;
    return isObject(policy) ? { deploy: { restart_policy: policy } } : {};
  }
  return { restart: typeof def?.restart === "string" ? def.restart : "unless-stopped" };
}

/** `base`, or `base-2`, `base-3`… — the first name no service uses yet. */
export function freeServiceName(project: Project, base: string): string {
  const taken = new Set(project.services());
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export type Placed = { ok: true; doc: ComposeDocument } | { ok: false; reason: string };

/** The file a new service goes into: the last editable file (an added service merges anywhere). */
export function placeNewService(project: Project, name: string): Placed {
  const placement = project.placeSet(["services", name]);
  return placement.ok ? { ok: true, doc: placement.doc } : { ok: false, reason: placement.reason };
}

/**
 * Where setting `service.environment.NAME` belongs: the last editable file that writes the
 * variable, else the last editable file as an override — unless a later file that compose-gate
 * may not edit would override it again. Works for both the map and the list form.
 */
export function placeEnv(project: Project, service: string, name: string): Placed {
  const definers = project.docs.filter((d) => d.has(["services", service]) && d.getEnv(service, name) !== undefined);
  const last = definers[definers.length - 1];
  if (last && project.isEditable(last)) return { ok: true, doc: last };
  const editable = project.editableDocs;
  const target = editable[editable.length - 1];
  if (!target) return { ok: false, reason: "no file of this project may be edited" };
  if (last && project.docs.indexOf(last) > project.docs.indexOf(target)) {
    return { ok: false, reason: `${last.filename} sets ${name} after ${target.filename} and compose-gate may not edit it` };
  }
  return { ok: true, doc: target };
}

/**
 * The anchor an environment edit on `service` in `doc` would write through, if any: an
 * anchored `environment:` block or service that other entries reuse. Keys merged in with `<<:`
 * are not listed — those are overridden locally, which changes this service only.
 */
export function sharedEnvironment(doc: ComposeDocument, service: string): AnchorUse | undefined {
  const env = ["services", service, "environment"];
  const uses = doc.has(env) ? doc.sharedAt(env) : doc.has(["services", service]) ? doc.sharedAt(["services", service]) : [];
  return uses[0];
}

export function anchorMessage(use: AnchorUse): string {
  return `it is shared through anchor &${use.anchor} (also used by ${use.users.join(", ")}), and editing it would change every user`;
}

/**
 * A value as it may appear in a message: literal secrets (a password, a URL's password part)
 * are never printed; `${VAR}` references and ordinary settings are.
 */
export function showValue(name: string, value: string | null): string {
  if (value === null) return "no value";
  return literalSecretsIn(name, value).length > 0 ? "a literal secret" : JSON.stringify(value);
}

export function locateService(project: Project, service: string): { location?: Location; service: string } {
  const location = project.locate(["services", service]);
  return location ? { location, service } : { service };
}

/** The environment form most services of `doc` use, so an added service looks like its neighbours. */
export function preferredEnvForm(doc: ComposeDocument): "map" | "list" {
  let map = 0;
  let list = 0;
  for (const service of doc.services()) {
    const kind = doc.kind(["services", service, "environment"]);
    if (kind === "map") map++;
    else if (kind === "seq") list++;
  }
  return list > map ? "list" : "map";
}

/** An environment block in the given form, in the order given. */
export function environmentBlock(entries: [string, string][], form: "map" | "list"): Record<string, string> | string[] {
  return form === "list" ? entries.map(([k, v]) => `${k}=${v}`) : Object.fromEntries(entries);
}
