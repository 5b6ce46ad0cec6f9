/**
 * swarm/depends-on-condition — the long form of `depends_on` (a map with `condition:`) is not in
 * the v3 schema: `docker stack config` fails with "services.<name>.depends_on must be a list".
 * Swarm never orders start-up by depends_on anyway (docker/cli does not read it when converting
 * a stack, cli/compose/convert), so the condition is lost either way.
 */
import { fileServices } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/depends-on-condition",
  severity: "error",
  summary: "depends_on is written as a map (with conditions), which docker stack deploy rejects",
  description:
    "docker stack's v3 schema allows depends_on only as a list of service names; the map form with " +
    "`condition: service_healthy` fails with \"services.<name>.depends_on must be a list\" (probed with docker stack config, docs/checks.md). " +
    "Swarm does not use depends_on to order start-up at all, so write the names as a list (or drop the key) and make " +
    "the service retry until its dependencies answer.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      const path = ["services", name, "depends_on"];
      if (doc.kind(path) !== "map") continue;
      const owner = ownerOf(doc, name, path);
      ctx.report({
        path,
        doc,
        service: owner.service,
        message: `${owner.label}: docker stack deploy rejects depends_on written as a map ("must be a list"), and Swarm ignores start-up conditions`,
      });
    }
  },
});
