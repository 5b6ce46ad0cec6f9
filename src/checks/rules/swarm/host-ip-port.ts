/**
 * swarm/host-ip-port — Swarm publishes ports on every node's 0.0.0.0. A host address in short
 * syntax is dropped with the warning "ignoring IP-address (…) service will listen on '0.0.0.0'"
 * (docker/cli opts/swarmopts/port.go), even when it comes from `${HOST_IP:-127.0.0.1}`; a
 * `host_ip:` in long syntax is not in the v3 schema and fails the load.
 */
import { fileServices } from "../../shared/model.js";
import { isWildcardIp, parsePort } from "../../shared/ports.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/host-ip-port",
  severity: "warning",
  summary: "A port binds a host IP, which Swarm ignores (the port listens on 0.0.0.0)",
  description:
    "docker stack deploy drops the host address of a short-syntax port and publishes it on 0.0.0.0 of every node " +
    "(\"ignoring IP-address … service will listen on '0.0.0.0'\", docker/cli opts/swarmopts/port.go; probed " +
    "with docker stack config, docs/checks.md), so a port meant for 127.0.0.1 is public. A long-syntax `host_ip:` is rejected outright " +
    "(\"Additional property host_ip is not allowed\", an error). Keep internal ports off `ports:` and reach them over " +
    "an overlay network, or publish with `mode: host` and firewall the node.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      const items = doc.get(["services", name, "ports"]);
      if (!Array.isArray(items)) continue;
      items.forEach((raw, index) => {
        const port = parsePort(raw);
        if (!port || port.hostIp === undefined || (port.syntax === "short" && isWildcardIp(port.hostIp))) return;
        const path = ["services", name, "ports", index];
        const owner = ownerOf(doc, name, path);
        if (port.syntax === "long") {
          ctx.report({ path, doc, service: owner.service, severity: "error", message: `${owner.label}: docker stack deploy rejects host_ip in a port (not in the v3 schema)` });
        } else {
          ctx.report({ path, doc, service: owner.service, message: `${owner.label}: Swarm ignores the host IP of port ${port.text} and listens on 0.0.0.0 of every node` });
        }
      });
    }
  },
});
