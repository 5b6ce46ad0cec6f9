/**
 * swarm/dotenv — `docker compose` fills `${VAR}` from a `.env` file beside the compose file;
 * `docker stack deploy` does not read it (moby#29133, docker/cli#939) and interpolates from the
 * deploying shell only. A variable the stack uses without a default, which only `.env` defines,
 * deploys as an empty string unless the shell exports it. (`env_file:` is different: stack
 * deploy reads those files.) The `.env` is read through the project's files (`ctx.files`),
 * beside the first compose file; only the names it defines are kept, never a value.
 */
import { variablesIn } from "../../../interpolation/index.js";
import { tokenize } from "../../../interpolation/tokenize.js";
import { eachVariable } from "../../../interpolation/query.js";
import { stringValues } from "../../shared/model.js";
import { defineRule } from "../../types.js";

/** `NAME=…` and `export NAME=…` lines (compose-go dotenv syntax); comments and blank lines skipped. */
export function dotenvNames(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names];
}

/** Variables a value uses with no default of their own: the ones the environment must supply. */
function withoutDefault(value: string): string[] {
  const out: string[] = [];
  eachVariable(tokenize(value).parts, (v) => {
    if (v.operator !== "-" && v.operator !== ":-") out.push(v.name);
  });
  return out;
}

export default defineRule({
  id: "swarm/dotenv",
  severity: "warning",
  summary: "The stack takes ${VAR} values from .env, which docker stack deploy does not read",
  description:
    "docker compose reads `.env` beside the compose file to interpolate `${VAR}`; docker stack deploy does not " +
    "(moby#29133, docker/cli#939) and substitutes an empty string for a variable the deploying shell does not " +
    "export. Reported for each variable used without a default that only the `.env` file defines, at its first use in " +
    "each file; the `.env` beside the first compose file is read (only its names). Export the variables before deploying (`set -a; . ./.env; set +a`), give them defaults in the file, " +
    "or render the stack with `docker compose config` and deploy that. `env_file:` entries are read by stack deploy " +
    "and are not concerned.",
  run(ctx) {
    const text = ctx.files?.read(".env");
    const defined = new Set(text === undefined ? [] : dotenvNames(text));
    if (defined.size === 0) return;
    for (const doc of ctx.project.docs) {
      const reported = new Set<string>();
      for (const { path, value } of stringValues(doc, (v) => v.includes("$") && variablesIn(v).some((n) => defined.has(n)))) {
        for (const name of withoutDefault(value)) {
          if (!defined.has(name) || reported.has(name)) continue;
          reported.add(name);
          ctx.report({
            path,
            doc,
            service: path[0] === "services" && path.length > 1 ? String(path[1]) : null,
            message: `\${${name}} is defined only in .env, which docker stack deploy does not read: it deploys empty unless the deploying shell exports ${name}`,
          });
        }
      }
    }
  },
});
