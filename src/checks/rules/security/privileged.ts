/**
 * security/privileged — `privileged: true` gives the container every capability and the host's
 * devices: a compromise of the service is a compromise of the host. docker stack deploy ignores
 * the key (it is in docker/cli's UnsupportedProperties), which this rule mentions instead of
 * swarm/unsupported reporting it a second time.
 */
import { mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "security/privileged",
  severity: "error",
  summary: "A service runs privileged",
  description:
    "`privileged: true` disables the container's isolation: all capabilities, all host devices, no seccomp or " +
    "AppArmor confinement. Grant the specific capabilities (`cap_add`) or devices the service needs instead. " +
    "docker stack deploy ignores `privileged` (UnsupportedProperties in docker/cli cli/compose/types/types.go), so under Swarm " +
    "the key also does not do what it says.",
  run(ctx) {
    for (const { name, def } of mergedServices(ctx.project)) {
      if (def.privileged !== true && def.privileged !== "true") continue;
      ctx.report({
        path: ["services", name, "privileged"],
        message: `Service "${name}" runs privileged (all capabilities and host devices); docker stack deploy ignores this key`,
      });
    }
  },
});
