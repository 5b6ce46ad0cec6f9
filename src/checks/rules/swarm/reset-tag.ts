/**
 * swarm/reset-tag — `!reset` and `!override` are compose-go merge tags; docker stack's loader
 * does not know them and merges the tagged value as if the tag were not there (`ports: !reset []`
 * in a second -c file leaves the base ports in place; probed with docker stack config).
 */
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/reset-tag",
  severity: "warning",
  summary: "A value is tagged !reset or !override, which docker stack deploy ignores",
  description:
    "docker compose (compose-go loader/reset.go) uses `!reset` to clear and `!override` to replace a value when files " +
    "are merged. docker stack deploy ignores both tags and merges normally, without a warning: `ports: !reset []` in " +
    "an override keeps the base file's ports (probed with docker stack config, docs/checks.md). Remove the value from the base file instead.",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      for (const { path, tag } of doc.mergeTags()) {
        const what = tag === "!reset" ? "does not clear the value" : "does not replace the value (it merges)";
        ctx.report({ path, doc, message: `docker stack deploy ignores ${tag} and ${what}` });
      }
    }
  },
});
