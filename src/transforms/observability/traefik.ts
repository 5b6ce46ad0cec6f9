/**
 * Publishing Grafana through the app stack's Traefik. Traefik reads routing from labels — on
 * Swarm only from `deploy.labels` (traefik/traefik#5620, Traefik docs "Swarm provider") — and
 * must reach the container over a network both share: the stacks' shared network, named in the
 * `network` label (`traefik.swarm.network` for Traefik v3's Swarm provider,
 * `traefik.docker.network` for the Docker provider and Traefik v2's swarmMode). The entry point
 * and certificate resolver are the ones Traefik's command line defines, so Grafana is served
 * like the stack's other routers.
 */
import { imageBaseName, parseImage, serviceImage } from "../../image/reference.js";
import type { Project } from "../../project/project.js";

export interface Traefik {
  service: string;
  /** `swarm` (v3 `--providers.swarm`) or `docker` (Docker provider, v2 swarmMode). */
  provider: "swarm" | "docker";
  /** The HTTPS entry point (`:443`), else the first one defined. */
  entryPoint?: string;
  certResolver?: string;
}

function args(command: unknown): string[] {
  return Array.isArray(command) ? command.map(String) : typeof command === "string" ? command.split(/\s+/) : [];
}

export function findTraefik(project: Project): Traefik | undefined {
  for (const service of project.services()) {
    const def = project.service(service);
    const image = serviceImage(def);
    if (!image || imageBaseName(parseImage(image)) !== "traefik") continue;
    const list = args(def?.command);
    const entryPoints = list.flatMap((a) => {
      const m = /^--entry[pP]oints\.([^.=]+)\.address=(.*)$/.exec(a);
      return m ? [{ name: m[1], address: m[2] }] : [];
    });
    const https = entryPoints.find((e) => /:443$/.test(e.address)) ?? entryPoints[0];
    const resolver = list.map((a) => /^--certificates[rR]esolvers\.([^.=]+)\./.exec(a)?.[1]).find(Boolean);
    const provider = list.some((a) => /^--providers\.swarm(\.|=|$)/.test(a)) ? "swarm" : "docker";
    return { service, provider, ...(https ? { entryPoint: https.name } : {}), ...(resolver ? { certResolver: resolver } : {}) };
  }
  return undefined;
}

/** The host names the app's routers serve (`Host(`api.example.com`)`), for a Grafana host next to them. */
export function routedHosts(project: Project): string[] {
  const hosts: string[] = [];
  for (const service of project.services()) {
    const def = project.service(service);
    const deploy = def?.deploy as Record<string, unknown> | undefined;
    for (const labels of [def?.labels, deploy?.labels]) {
      const values = Array.isArray(labels) ? labels.map(String) : labels && typeof labels === "object" ? Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`) : [];
      for (const v of values) for (const m of v.matchAll(/Host\(`([^`]+)`\)/g)) hosts.push(m[1]);
    }
  }
  return hosts;
}

/** The router labels for Grafana on `host`, as `key=value` items. */
export function grafanaLabels(t: Traefik, o: { router: string; host: string; port: number; network: string }): string[] {
  const r = `traefik.http.routers.${o.router}`;
  return [
    "traefik.enable=true",
    `${r}.rule=Host(\`${o.host}\`)`,
    ...(t.entryPoint ? [`${r}.entrypoints=${t.entryPoint}`] : []),
    ...(t.certResolver ? [`${r}.tls.certresolver=${t.certResolver}`] : []),
    `traefik.http.services.${o.router}.loadbalancer.server.port=${o.port}`,
    `traefik.${t.provider}.network=${o.network}`,
  ];
}
