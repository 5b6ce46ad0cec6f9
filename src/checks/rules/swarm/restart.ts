/**
 * swarm/restart — docker stack deploy ignores the service-level `restart:` key
 * (UnsupportedProperties); Swarm restarts tasks by `deploy.restart_policy` (compose-spec deploy.md),
 * whose default is to restart on any exit.
 */
import { fileServices, isObject } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/restart",
  severity: "warning",
  summary: "A service sets restart:, which docker stack deploy ignores",
  description:
    "`restart:` is a docker compose setting; docker stack deploy ignores it (UnsupportedProperties in " +
    "docker/cli cli/compose/types/types.go). Swarm uses `deploy.restart_policy` (condition, delay, max_attempts, window; compose-spec deploy.md), " +
    "so `restart: \"no\"` for a one-shot job does not stop Swarm from restarting it.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      const path = ["services", name, "restart"];
      if (!doc.has(path)) continue;
      const deploy = ctx.project.service(name)?.deploy;
      const hasPolicy = isObject(deploy) && deploy.restart_policy !== undefined;
      const owner = ownerOf(doc, name, path);
      ctx.report({
        path,
        doc,
        service: owner.service,
        message: hasPolicy
          ? `${owner.label}: docker stack deploy ignores restart (deploy.restart_policy applies); remove it from the stack file`
          : `${owner.label}: docker stack deploy ignores restart; set deploy.restart_policy instead`,
      });
    }
  },
});
