/**
 * Traefik's routing labels on a service. Under Swarm, Traefik's provider reads the labels of
 * the Swarm service, which compose writes from `deploy.labels`; `labels:` land on the
 * containers, where the Swarm provider never looks (doc.traefik.io/traefik/providers/swarm/,
 * traefik/traefik#5620). Labels may be a map or a `KEY=value` list.
 */
import type { Project } from "../../project/project.js";
import { commandItems } from "../../secrets/command-line.js";
import { deployTarget } from "./stack.js";

type Service = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `[key, value, index-or-key]` of every label, whichever form the file uses. */
export function labelEntries(labels: unknown): { key: string; value: string; at: string | number }[] {
  if (Array.isArray(labels)) {
    return labels.flatMap((item, index) => {
      if (typeof item !== "string") return [];
      const eq = item.indexOf("=");
      return [{ key: (eq < 0 ? item : item.slice(0, eq)).trim(), value: eq < 0 ? "" : item.slice(eq + 1), at: index }];
    });
  }
  if (!isObject(labels)) return [];
  return Object.entries(labels).map(([key, value]) => ({ key, value: value === null || value === undefined ? "" : String(value), at: key }));
}

export const isTraefikLabel = (key: string) => key.startsWith("traefik.");

/** A router or service label, or `traefik.enable=true`: the service asks Traefik for traffic. */
export function routesThroughTraefik(def: Service): boolean {
  const deploy = isObject(def.deploy) ? def.deploy : {};
  return [...labelEntries(def.labels), ...labelEntries(deploy.labels)].some(
    ({ key, value }) => /^traefik\.(https?|tcp|udp)\.(routers|services)\./.test(key) || (key === "traefik.enable" && /^true$/i.test(value.trim())),
  );
}

/** Whether the stack is deployed to Swarm: its Traefik reads Swarm services, or the files use Swarm-only settings (`deployTarget`). */
export function isSwarmStack(project: Project): boolean {
  for (const name of project.services()) {
    const def = project.service(name) ?? {};
    const args = [...commandItems(def.command), ...commandItems(def.entrypoint)].join(" ");
    if (/--providers\.swarm\b(?!\.\w)|--providers\.swarm=true|--providers\.docker\.swarm[mM]ode(=true)?\b/.test(args)) return true;
  }
  return deployTarget(project, "auto") === "swarm";
}
