/**
 * What a compose file is for, read from its name. The words follow the conventions docker
 * compose and Swarm users already write: `compose.yaml` plus `compose.production.yaml` (Docker's
 * "Use Compose in production" guide), `docker-compose.override.yml` for local development (read
 * automatically by `docker compose up`), `docker-stack.yml` for `docker stack deploy` (Docker's
 * Swarm tutorials), and a separate monitoring stack. compose-gate only ever runs its preset on
 * files a name or the user marks as production: a dev file transformed as production loses its
 * MinIO and points at the production bucket.
 */
import path from "node:path";
import { CONFIG_NAMES } from "../config/load.js";

/**
 * - `production`: the preset runs on it (named for production, or a Swarm stack file).
 * - `base`: a plain `compose.yaml` / `docker-compose.yml`; production only when the search has no
 *   file named for production (see folder-roles.ts).
 * - `observability`: a monitoring stack, finished as the production stack's companion.
 * - `not-production`: dev, local, preview, test, CI, staging or override files.
 * - `other`: a compose file whose name says neither; used only when named.
 * - `config`: compose-gate's own config file, never a stack.
 */
export type FileRole = "production" | "base" | "observability" | "not-production" | "other" | "config";

export interface NameRole {
  role: FileRole;
  /** Why, in a few words: `named *.prod*`. */
  reason: string;
}

/** Names that are not production: the preset would strip dev tooling and point it at production resources. */
export const NOT_PRODUCTION_WORDS = [
  "dev",
  "develop",
  "development",
  "local",
  "preview",
  "test",
  "tests",
  "testing",
  "e2e",
  "ci",
  "staging",
  "stage",
  "override",
  "example",
  "sample",
] as const;

/** Names of a monitoring stack deployed next to the application (`docker stack deploy -c … <app>-obs`). */
export const OBSERVABILITY_WORDS = ["observability", "monitoring", "o11y", "lgtm"] as const;

export const PRODUCTION_WORDS = ["prod", "production"] as const;

/** `docker-compose`, `compose`, `docker-stack` or `stack`, then words separated by `.`, `-` or `_`. */
const COMPOSE_NAME = /^(docker-compose|docker-stack|compose|stack)((?:[._-][^.]*)*)\.ya?ml$/i;

function includesAny(words: readonly string[], list: readonly string[]): string | undefined {
  return words.find((w) => list.includes(w));
}

/** The role a file's name gives it (before a folder's files are weighed against each other). */
export function roleByName(file: string): NameRole {
  const name = path.basename(file);
  if ((CONFIG_NAMES as readonly string[]).includes(name)) return { role: "config", reason: "compose-gate's config file, never a stack" };
  const match = COMPOSE_NAME.exec(name);
  if (!match) return { role: "other", reason: "its name follows no compose naming convention" };
  const prefix = match[1].toLowerCase();
  const words = match[2].toLowerCase().split(/[._-]/).filter(Boolean);
  const dev = includesAny(words, NOT_PRODUCTION_WORDS);
  if (dev) return { role: "not-production", reason: `named *${dev}*` };
  const observability = includesAny(words, OBSERVABILITY_WORDS);
  if (observability) return { role: "observability", reason: `named *${observability}*` };
  const production = includesAny(words, PRODUCTION_WORDS);
  if (production) return { role: "production", reason: `named *${production}*` };
  if (words.length === 0) {
    return prefix.endsWith("stack") ? { role: "production", reason: "a Swarm stack file" } : { role: "base", reason: "the plain compose file name" };
  }
  return { role: "other", reason: `its name (*${words.join(".")}*) says neither production nor dev` };
}
