/**
 * The network the app stack and the observability stack share, so the metrics store reaches the
 * exporters by service name and Traefik reaches Grafana. Two stacks cannot both create one
 * network: `docker stack deploy` creates each network a stack declares unless that stack created
 * it before, and a second create of the same name fails (docker/cli
 * `cli/command/stack/swarm/deploy_composefile.go`, `createNetworks`). So the app stack owns it —
 * a fixed `name:`, `driver: overlay`, `attachable: true` so a one-off `docker run --network` can
 * join it to debug — and the observability stack declares it `external: true`. The app stack
 * deploys on its own as before; the observability stack deploys after it.
 */
import type { ComposeDocument } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import type { Target } from "../shared/stack.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The key under which `doc` declares the network named `name` (by `name:` or by key), if any. */
export function networkKey(networks: unknown, name: string): string | undefined {
  if (!isObject(networks)) return undefined;
  for (const [key, def] of Object.entries(networks)) {
    if (isObject(def) && def.name === name) return key;
  }
  return name in networks ? name : undefined;
}

export function ownerDeclaration(name: string, target: Target): Record<string, unknown> {
  return target === "swarm" ? { name, driver: "overlay", attachable: true } : { name };
}

/** The app stack's key for the shared network, declared in `doc` when no file declares it. */
export function declareInApp(project: Project, doc: ComposeDocument, name: string, target: Target): { key: string; added: boolean } {
  const key = networkKey(project.get(["networks"]), name);
  if (key) return { key, added: false };
  doc.set(["networks", name], ownerDeclaration(name, target));
  return { key: name, added: true };
}

/** The observability stack's key for the shared network, declared external when missing. */
export function declareInCompanion(doc: ComposeDocument, name: string): { key: string; added: boolean } {
  const key = networkKey(doc.get(["networks"]), name);
  if (key) return { key, added: false };
  doc.set(["networks", name], { external: true, name });
  return { key: name, added: true };
}

/**
 * A network's `name:` exists from file format 3.5 on: docker stack deploy validates a file
 * against the schema its `version:` names and rejects the key in older ones ("Additional
 * property name is not allowed"). No version means the newest schema.
 */
export function allowsNetworkName(doc: ComposeDocument): boolean {
  const version = doc.get(["version"]);
  if (typeof version !== "string" || version === "" || version.includes("$")) return true;
  const m = /^3(?:\.(\d+))?$/.exec(version);
  return !m || Number(m[1] ?? 0) >= 5;
}
