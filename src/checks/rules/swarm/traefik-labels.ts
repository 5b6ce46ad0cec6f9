/**
 * swarm/traefik-labels — Traefik routing labels written under `services.<x>.labels` in a stack
 * deployed to Swarm: Traefik's Swarm provider reads the Swarm service's labels, which come from
 * `deploy.labels`, so the router is never created and the service gets no traffic, without an
 * error anywhere. The `traefik-labels` transform moves them.
 */
import { fileServices } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { isTraefikLabel, labelEntries, isSwarmStack } from "../../../transforms/shared/traefik.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/traefik-labels",
  severity: "warning",
  summary: "Traefik labels sit under labels: where Swarm's Traefik provider reads only deploy.labels",
  description:
    "On Swarm, Traefik reads the labels of the Swarm service, which compose takes from `deploy.labels`; service-level " +
    "`labels:` go to the containers, which Traefik's Swarm provider never reads " +
    "(https://doc.traefik.io/traefik/providers/swarm/, traefik/traefik#5620). The router is silently missing and the " +
    "service gets no traffic. Reported when the stack's Traefik uses the Swarm provider (`--providers.swarm`, v2's " +
    "`--providers.docker.swarmMode`) or the stack is deployed with docker stack deploy (Swarm-only deploy keys, " +
    "overlay networks, external secrets). The `traefik-labels` transform (preset swarm-hardening) moves them.",
  fix: "traefik-labels",
  run(ctx) {
    if (!fileServices(ctx.project).some(({ doc, name }) => doc.has(["services", name, "labels"]))) return;
    if (!isSwarmStack(ctx.project)) return;
    for (const { doc, name } of fileServices(ctx.project)) {
      const labels = doc.get(["services", name, "labels"]);
      const traefik = labelEntries(labels).filter((l) => isTraefikLabel(l.key));
      if (traefik.length === 0) continue;
      const path = ["services", name, "labels", traefik[0].at];
      const owner = ownerOf(doc, name, path);
      ctx.report({
        path,
        doc,
        service: owner.service,
        message: `${owner.label}: ${traefik.length} Traefik label${traefik.length === 1 ? "" : "s"} under labels, which Traefik's Swarm provider does not read; move ${traefik.length === 1 ? "it" : "them"} to deploy.labels`,
      });
    }
  },
});
