/**
 * swarm/forbidden — keys docker/cli lists as ForbiddenProperties: loading the stack fails with
 * "Configuration contains forbidden properties" (docker/cli cli/compose/types/types.go).
 */
import { fileServices } from "../../shared/model.js";
import { FORBIDDEN_SERVICE_KEYS } from "../../shared/stack-schema.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/forbidden",
  severity: "error",
  summary: "A service uses a key docker stack deploy forbids (extends, mem_limit, cpu_shares, …)",
  description:
    "docker/cli refuses to load a stack with extends, volume_driver, volumes_from, cpu_quota, cpu_shares, cpuset, " +
    "mem_limit or memswap_limit (\"Configuration contains forbidden properties\"; ForbiddenProperties in " +
    "docker/cli cli/compose/types/types.go). Resource limits move to deploy.resources; extends must be expanded.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      for (const key of doc.keys(["services", name])) {
        const instead = FORBIDDEN_SERVICE_KEYS[key];
        if (!Object.hasOwn(FORBIDDEN_SERVICE_KEYS, key)) continue;
        const path = ["services", name, key];
        const owner = ownerOf(doc, name, path);
        ctx.report({
          path,
          doc,
          service: owner.service,
          message: `${owner.label}: docker stack deploy forbids ${key} ("Configuration contains forbidden properties"); ${instead}`,
        });
      }
    }
  },
});
