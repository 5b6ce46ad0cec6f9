/**
 * swarm/unsupported — keys docker stack deploy accepts and then ignores ("Ignoring unsupported
 * options"; docker/cli UnsupportedProperties), and the deprecated container_name and expose.
 * build, privileged and restart have rules of their own and are not reported here.
 */
import { fileServices } from "../../shared/model.js";
import { DEPRECATED_SERVICE_KEYS, UNSUPPORTED_SERVICE_KEYS } from "../../shared/stack-schema.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/unsupported",
  severity: "warning",
  summary: "A service sets a key docker stack deploy ignores (network_mode, devices, links, …)",
  description:
    "docker stack deploy accepts and then ignores cgroupns_mode, cgroup_parent, devices, domainname, external_links, " +
    "ipc, links, mac_address, network_mode, pid, security_opt, shm_size and userns_mode (docker/cli " +
    "UnsupportedProperties; `stack deploy` prints \"Ignoring unsupported options\", `stack config` says nothing; " +
    "probed with docker stack config, docs/checks.md). The setting silently does not apply. container_name and expose are DeprecatedProperties: " +
    "ignored too, reported as info. build, privileged and restart are reported by swarm/build, security/privileged " +
    "and swarm/restart.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      for (const key of doc.keys(["services", name])) {
        const path = ["services", name, key];
        const unsupported = UNSUPPORTED_SERVICE_KEYS.includes(key);
        if (!unsupported && !DEPRECATED_SERVICE_KEYS.includes(key)) continue;
        const owner = ownerOf(doc, name, path);
        ctx.report({
          path,
          doc,
          service: owner.service,
          ...(unsupported ? {} : { severity: "info" as const }),
          message: unsupported
            ? `${owner.label}: docker stack deploy ignores ${key}, so the setting does not apply`
            : `${owner.label}: docker stack deploy ignores ${key} (deprecated for stacks)`,
        });
      }
    }
  },
});
