/**
 * swarm/healthcheck — a service that takes traffic (a published port, or Traefik routing
 * labels) without a healthcheck: Swarm counts a task as running as soon as its process starts,
 * routes to it, and a rolling update (`order: start-first`, `failure_action: rollback`) cannot
 * tell a broken new task from a healthy one. Info: the image may define its own HEALTHCHECK,
 * which the stack file does not show.
 */
import { isObject, mergedServices, type Service } from "../../shared/model.js";
import { routesThroughTraefik } from "../../../transforms/shared/traefik.js";
import { defineRule } from "../../types.js";

function hasHealthcheck(def: Service): boolean {
  const hc = def.healthcheck;
  if (!isObject(hc) || hc.disable === true) return false;
  const test = Array.isArray(hc.test) ? hc.test[0] : hc.test;
  return test !== "NONE";
}

function servesTraffic(def: Service): string | undefined {
  if (Array.isArray(def.ports) && def.ports.length > 0) return "publishes ports";
  return routesThroughTraefik(def) ? "takes traffic through Traefik" : undefined;
}

export default defineRule({
  id: "swarm/healthcheck",
  severity: "info",
  summary: "A service that takes traffic has no healthcheck",
  description:
    "Without a healthcheck Swarm treats a task as healthy once its process runs: the routing mesh and Traefik send " +
    "requests to a task that is still starting or already broken, and a rolling update with `failure_action: " +
    "rollback` only notices tasks that exit (https://docs.docker.com/reference/compose-file/services/#healthcheck; " +
    "https://docs.docker.com/reference/dockerfile/#healthcheck). Reported for services that publish ports or carry " +
    "Traefik routing labels, as info: the image may define a HEALTHCHECK of its own (`docker image inspect` shows " +
    "it). `disable: true` and `test: [NONE]` count as none.",
  run(ctx) {
    for (const { name, def } of mergedServices(ctx.project)) {
      const traffic = servesTraffic(def);
      if (!traffic || hasHealthcheck(def)) continue;
      ctx.report({
        path: ["services", name],
        message: `Service "${name}" ${traffic} but has no healthcheck: Swarm routes to its tasks as soon as they start, healthy or not (unless the image defines HEALTHCHECK)`,
      });
    }
  },
});
