/** swarm/profiles — `profiles:` is not in the v3 schema; docker stack deploy rejects the file. */
import { fileServices } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/profiles",
  severity: "error",
  summary: "A service has profiles, which docker stack deploy rejects",
  description:
    "`profiles` is a Compose-spec key the v3 schema does not know: `docker stack config` fails with \"services.<name> " +
    "Additional property profiles is not allowed\" (probed with docker stack config, docs/checks.md). A stack deploys every service it " +
    "lists: move optional services to a separate file that is passed with another -c only when wanted.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      const path = ["services", name, "profiles"];
      if (!doc.has(path)) continue;
      const owner = ownerOf(doc, name, path);
      ctx.report({ path, doc, service: owner.service, message: `${owner.label}: docker stack deploy rejects profiles; put optional services in a separate stack file` });
    }
  },
});
