/**
 * security/port-all-interfaces — a published port without a host address listens on every
 * interface of the host, including the public one. An interpolated address
 * (`${HOST_IP:-127.0.0.1}:8080:80`) is an address: dclint reports it anyway, a false positive
 * anchors-compose §1.5 records. Under `docker stack deploy` any host address is ignored and the
 * port listens on 0.0.0.0 regardless: swarm/host-ip-port reports that separately.
 */
import { listItems, mergedServices } from "../../shared/model.js";
import { isWhollyInterpolated, isWildcardIp, parsePort } from "../../shared/ports.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "security/port-all-interfaces",
  severity: "warning",
  summary: "A port is published on all network interfaces",
  description:
    "A `ports:` entry without a host IP (or with 0.0.0.0 / ::) publishes the port on every interface of the host, so " +
    "a database or admin port meant for the host reaches the internet unless a firewall stops it; Docker's own " +
    "iptables rules bypass ufw-style host firewalls. Bind it to 127.0.0.1 (compose), put it behind the reverse proxy, " +
    "or drop the published port and use the stack network. Entries whose address is interpolated are not reported " +
    "(https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw). Under Swarm host addresses are ignored (see swarm/host-ip-port).",
  run(ctx) {
    for (const { name } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "ports"])) {
        const port = parsePort(item.value);
        if (!port || isWhollyInterpolated(port)) continue;
        if (port.hostIp !== undefined && !isWildcardIp(port.hostIp)) continue;
        ctx.report({
          path: item.path,
          doc: item.doc,
          message: `Service "${name}" publishes port ${port.text} on all network interfaces`,
        });
      }
    }
  },
});
