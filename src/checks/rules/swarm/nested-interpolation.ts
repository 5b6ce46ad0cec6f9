/**
 * swarm/nested-interpolation — interpolation docker stack deploy loads without an error but
 * resolves differently from docker compose: nested references or `$$` in an argument
 * (`nginx:${A:-${B:-1.27}}` deploys as `nginx:${B:-1.27}`; probed with docker stack config), a `}` inside an
 * argument, an operator docker/cli finds first (`${A:?use-a-value}` reads as default
 * `a-value`), and an operator after an unbraced `$NAME`. Detection: src/interpolation/swarm.ts.
 */
import { fileInterpolationIssues } from "../../shared/stack-interpolation.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/nested-interpolation",
  severity: "error",
  summary: "A value nests ${…} (or similar) that docker stack deploy silently resolves differently",
  description:
    "docker stack's interpolation (docker/cli cli/compose/template/template.go) ends a reference at the first `}` " +
    "and never interpolates an argument, so `image: nginx:${A:-${B:-1.27}}` loads without an error as " +
    "`nginx:${B:-1.27}` (probed with docker stack config, docs/checks.md): the stack runs a value nobody wrote. The same loader reads " +
    "`${A:?use-a-value}` as a default of `a-value` and `$A-$B` as \"A, else $B\" (probes). Keep one level of `${…}` " +
    "and set the variable in the deploy environment instead.",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      for (const { path, effect, message } of fileInterpolationIssues(doc)) {
        if (effect === "misread") ctx.report({ path, doc, message });
      }
    }
  },
});
