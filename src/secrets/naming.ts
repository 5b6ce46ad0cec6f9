/**
 * How compose-gate names Docker secrets, shared by every transform that creates or looks for
 * one (env-to-secrets creates them; postgres-exporter finds the Postgres password secret).
 *
 * A secret is named after the variable its value came from — `${POSTGRES_PASSWORD}` becomes
 * `postgres_password` wherever it is used — or, for a value written in the file, after the
 * environment key that held it. Names are lower-case snake case, which Docker accepts
 * (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`, at most 64 characters) and which reads like the variable.
 */
import { parseReference } from "./detect.js";

/** Docker's limit for secret names (moby `validateSecretSpec`). */
export const MAX_SECRET_NAME = 64;
/** Room kept for a rotation suffix (`_v12`) within the limit. */
const VERSION_ROOM = 4;

/** `POSTGRES_PASSWORD` → `postgres_password`; `GF_SECURITY__X` → `gf_security_x`. */
export function toSecretName(text: string): string {
  const snake = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const name = snake === "" ? "secret" : /^[a-z0-9]/.test(snake) ? snake : `s_${snake}`;
  return name.slice(0, MAX_SECRET_NAME - VERSION_ROOM).replace(/_+$/, "");
}

/**
 * The secret name for an environment entry: the variable of a bare `${VAR}` / `${VAR:-x}` /
 * `$VAR` value, otherwise the entry's own name (literal values, and bare `KEY` entries whose
 * value the deploying shell supplies).
 */
export function secretNameForEnv(name: string, value: string | null): string {
  const ref = value === null ? undefined : parseReference(value);
  return toSecretName(ref ? ref.variable : name);
}

/** The environment variable the create-secrets script reads a secret's value from. */
export function valueVariableFor(secret: string): string {
  return secret.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

/** The Docker object name of a rotated secret: `postgres_password` → `postgres_password_v2`. */
export function versionedName(secret: string, version: number): string {
  return `${secret}_v${version}`;
}

/** The version in `postgres_password_v2` when it is `secret`'s versioned name, else undefined. */
export function versionOf(secret: string, dockerName: string): number | undefined {
  const match = /^(.*)_v(\d+)$/.exec(dockerName);
  return match && match[1] === secret ? Number(match[2]) : undefined;
}

/**
 * The key under top-level `secrets:` that a Docker secret object belongs to: the key itself, or
 * one of its versions (`postgres_password_v2` → `postgres_password`), among `keys`.
 */
export function keyOfObject(object: string, keys: readonly string[]): string | undefined {
  if (keys.includes(object)) return object;
  return keys.find((key) => versionOf(key, object) !== undefined);
}

/** Where a secret granted in short syntax is mounted. */
export function mountPath(secret: string): string {
  return `/run/secrets/${secret}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The grants of a service (`secrets:` entries) as source/target pairs. */
export function secretGrants(service: Record<string, unknown> | undefined): { source: string; target: string }[] {
  const list = service?.secrets;
  if (!Array.isArray(list)) return [];
  const out: { source: string; target: string }[] = [];
  for (const item of list) {
    if (typeof item === "string") out.push({ source: item, target: item });
    else if (isObject(item) && typeof item.source === "string") {
      out.push({ source: item.source, target: typeof item.target === "string" ? item.target : item.source });
    }
  }
  return out;
}

/** The in-container path of a grant's target (`db` → `/run/secrets/db`; absolute kept). */
export function grantPath(target: string): string {
  return target.startsWith("/") ? target : mountPath(target);
}

/**
 * The secret a service reads `variable` from through its `_FILE` (or Grafana's `__FILE`)
 * variant, resolved through the service's grants: `POSTGRES_PASSWORD_FILE=/run/secrets/db`
 * with `secrets: [{source: pg_pw, target: db}]` gives `pg_pw`. Works on the merged model
 * (`project.service(name)`), whichever environment form the file uses.
 */
export function secretReadBy(service: Record<string, unknown> | undefined, variable: string): string | undefined {
  const env = environmentOf(service);
  const path = env.get(`${variable}_FILE`) ?? env.get(`${variable}__FILE`);
  if (!path) return undefined;
  const grant = secretGrants(service).find((g) => grantPath(g.target) === path);
  return grant?.source;
}

function environmentOf(service: Record<string, unknown> | undefined): Map<string, string> {
  const env = service?.environment;
  const out = new Map<string, string>();
  if (Array.isArray(env)) {
    for (const item of env) {
      if (typeof item !== "string") continue;
      const eq = item.indexOf("=");
      if (eq > 0) out.set(item.slice(0, eq), item.slice(eq + 1));
    }
  } else if (isObject(env)) {
    for (const [k, v] of Object.entries(env)) if (v !== null && v !== undefined) out.set(k, String(v));
  }
  return out;
}
