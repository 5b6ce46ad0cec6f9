/** swarm/top-level-name — the project `name:` is not in the v3 schema; docker stack deploy rejects the file. */
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/top-level-name",
  severity: "error",
  summary: "The file sets a top-level name:, which docker stack deploy rejects",
  description:
    "`name:` at the top level is a Compose-spec key the v3 schema lacks: `docker stack config` fails with \"(root) " +
    "Additional property name is not allowed\" (probed with docker stack config, docs/checks.md). The stack is named on the command line " +
    "(`docker stack deploy -c FILE <name>`).",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      if (!doc.has(["name"])) continue;
      ctx.report({ path: ["name"], doc, message: "docker stack deploy rejects a top-level name; name the stack on the command line (docker stack deploy -c FILE NAME)" });
    }
  },
});
