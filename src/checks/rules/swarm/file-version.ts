/**
 * swarm/file-version — docker stack's loader picks its schema by `version:`: none, "", "3" and
 * "3.0" … "3.13" are accepted; "2.4" or "3.14" fail with "unsupported Compose file version",
 * and an unquoted `version: 3` with "version must be a string" (docker/cli
 * cli/compose/schema/schema.go; probed with docker stack config). docker compose only warns that the key is obsolete.
 */
import { defineRule } from "../../types.js";
import { isStackVersion } from "../../shared/stack-schema.js";

function problem(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (value.includes("$") || isStackVersion(value)) return undefined;
    return `docker stack deploy rejects version "${value}" ("unsupported Compose file version"); use "3.8" or later 3.x, or remove the key`;
  }
  if (value === null) return `docker stack deploy rejects an empty version ("unsupported Compose file version"); remove the key`;
  return `docker stack deploy rejects version ${String(value)} written as a number ("version must be a string"); quote it or remove the key`;
}

export default defineRule({
  id: "swarm/file-version",
  severity: "error",
  summary: "The file's version: is not one docker stack deploy accepts",
  description:
    "docker stack deploy validates a file against the v3 schema its `version:` names: none, \"\", \"3\" and \"3.0\" … " +
    "\"3.13\" are accepted (missing means 3.13). Version 2.x files, \"3.14\" and numbers (`version: 3`) are rejected " +
    "(cli/compose/schema/schema.go; probed with docker stack config, docs/checks.md). All -c files of one stack must name the same version.",
  run(ctx) {
    for (const doc of ctx.project.docs) {
      if (!doc.has(["version"])) continue;
      const why = problem(doc.get(["version"]));
      if (why) ctx.report({ path: ["version"], doc, message: why });
    }
  },
});
