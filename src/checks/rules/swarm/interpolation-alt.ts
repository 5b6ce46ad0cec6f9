/**
 * swarm/interpolation-alt — interpolation docker stack deploy refuses to load: the
 * "alternative value" operators `${VAR:+alt}` / `${VAR+alt}` (compose-go has them, docker/cli's
 * pattern `[_a-z][_a-z0-9]*(?::?[-?][^}]*)?` does not; anchors-compose §2.3, §4), and a lone `$`
 * that starts no variable, which compose keeps as text. Both fail with "invalid interpolation
 * format". Detection: src/interpolation/swarm.ts.
 */
import { fileInterpolationIssues } from "../../shared/stack-interpolation.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/interpolation-alt",
  severity: "error",
  summary: "A value uses ${VAR:+alt}, ${VAR+alt} or a lone $, which docker stack deploy rejects",
  description:
    "docker compose (compose-go) supports `${VAR:+alt}` and `${VAR+alt}` and keeps a `$` that starts no variable as " +
    "text; docker stack's interpolation knows only `:-`, `-`, `:?` and `?`, and fails on all three with \"invalid " +
    "interpolation format for <path>\" (probed with docker stack config, docs/checks.md). Every value is interpolated, `x-` extensions " +
    "included. Compute alternatives in the deploy script, and write a literal dollar as `$$`.",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      for (const { path, effect, message } of fileInterpolationIssues(doc)) {
        if (effect === "rejected") ctx.report({ path, doc, message });
      }
    }
  },
});
