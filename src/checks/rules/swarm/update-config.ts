/**
 * swarm/update-config — a rolling update that fails is not rolled back unless the service
 * says so: Swarm's default `failure_action` is `pause`, which leaves old and new tasks mixed
 * until someone intervenes, and `docker stack deploy` still exits 0 (docker/cli#6752). The
 * `update-config` transform writes `failure_action: rollback` with `order: start-first` and a
 * `rollback_config` (the values Dokploy's and Swarm users' zero-downtime guides ask for).
 */
import { reportAbsence } from "../../shared/absence.js";
import { isJob } from "../../../transforms/shared/stack.js";
import { isObject, mergedServices, type Service } from "../../shared/model.js";
import { defineRule } from "../../types.js";

/** The failure action a service's update_config names, or undefined when it names none. */
function failureAction(def: Service): string | undefined {
  const deploy = isObject(def.deploy) ? def.deploy : {};
  const update = isObject(deploy.update_config) ? deploy.update_config : {};
  return typeof update.failure_action === "string" ? update.failure_action : undefined;
}

export default defineRule({
  id: "swarm/update-config",
  severity: "warning",
  summary: "A service's failed rolling update is not rolled back (no deploy.update_config.failure_action: rollback)",
  description:
    "When an update's new tasks fail, Swarm applies `deploy.update_config.failure_action`, whose default is `pause` " +
    "(https://docs.docker.com/reference/compose-file/deploy/#update_config; `docker service update --update-failure-" +
    "action`): the service stays half updated, old and new tasks side by side, and `docker stack deploy` still exits 0 " +
    "(docker/cli#6752). `failure_action: rollback` returns it to the last working spec. A warning when the service " +
    "names no failure action, info when it chose `pause` or `continue`. Jobs (`mode: replicated-job`) are not updated " +
    "in place and are skipped. When no service sets one, this is reported once, at `services:`. The `update-config` " +
    "transform (preset swarm-hardening) adds it.",
  fix: "update-config",
  run(ctx) {
    const services = mergedServices(ctx.project).filter(({ def }) => !isJob(def));
    const unset = services.filter(({ def }) => failureAction(def) === undefined).map(({ name }) => name);
    reportAbsence(ctx, {
      lacking: unset,
      applicable: services.length,
      one: (name) => `Service "${name}" has no deploy.update_config.failure_action: a failed update pauses half done (Swarm's default) instead of rolling back`,
      command: "`compose-gate transform --only update-config` adds it",
      all: "No service sets deploy.update_config.failure_action: a failed update pauses half done (Swarm's default) instead of rolling back",
    });
    for (const { name, def } of services) {
      const action = failureAction(def);
      if (action === undefined || action === "rollback") continue;
      ctx.report({
        path: ["services", name, "deploy", "update_config", "failure_action"],
        severity: "info",
        // A choice the transform respects: it would not change this service.
        fix: null,
        message: `Service "${name}" updates with failure_action: ${action}, so a failed update is not rolled back`,
      });
    }
  },
});
