/**
 * security/secret-in-command — a password on a command line (`--password=…`, `-p…` for MySQL
 * clients, `PGPASSWORD=…`, a URL with credentials) is stored in the service spec and shows in
 * `docker inspect`, `docker service inspect` and `ps`. Values the container's shell reads at
 * run time (`$$VAR`, `$$(cat /run/secrets/x)`) are not in the configuration and pass.
 */
import type { Key } from "../../../document/compose-document.js";
import { COMMAND_FIELDS, commandItems, secretsInCommand } from "../../../secrets/command-line.js";
import { isObject, mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

function valueAt(def: Record<string, unknown>, path: Key[]): unknown {
  let cur: unknown = def;
  for (const k of path) cur = isObject(cur) ? cur[String(k)] : undefined;
  return cur;
}

export default defineRule({
  id: "security/secret-in-command",
  severity: "error",
  summary: "A password is passed on a command line",
  description:
    "Arguments of `command`, `entrypoint` and `healthcheck.test` are part of the container or service spec: anyone " +
    "with `docker inspect` (and any process in the container, through `ps`) reads them. A literal password there is " +
    "an error; a ${VAR} interpolated by compose is a warning (the value still lands in the spec). Read the secret at " +
    "run time instead: `$$(cat /run/secrets/<name>)` in a shell command, or an environment variable the program reads. " +
    "Detected: password-named flags (--password=…, --requirepass …), `-p<password>` after a MySQL/MariaDB client, " +
    "secret-named assignments (PGPASSWORD=…), and URLs with a password (the secret-name rules env-to-secrets uses), also inside a " +
    "shell script: `sh -c \"…\"` in either form, `export DB_PASSWORD=…`, block scalars.",
  run(ctx) {
    for (const { name, def } of mergedServices(ctx.project)) {
      for (const field of COMMAND_FIELDS) {
        const value = valueAt(def, field.path);
        for (const found of secretsInCommand(commandItems(value), ctx.secretRules)) {
          const where = Array.isArray(value) ? [...field.path, found.item] : field.path;
          ctx.report({
            path: ["services", name, ...where],
            severity: found.kind === "literal" ? "error" : "warning",
            message: `Service "${name}": ${field.label} passes a ${found.kind === "literal" ? "literal" : "${…}"} secret as ${found.label}, visible via docker inspect`,
          });
        }
      }
    }
  },
});
