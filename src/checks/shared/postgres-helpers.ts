/**
 * Which helper serves which Postgres server. A backup job or an exporter names the database
 * host in its environment (`POSTGRES_HOST`, `DB01_HOST`, `DATA_SOURCE_URI`…); when it names
 * none, or only through `${VAR}`, the file cannot tell and the helper is taken to serve every
 * server — a check must not report a gate item as open on a guess.
 */
import type { Project } from "../../project/project.js";
import { parseUrlCredentials } from "../../secrets/detect.js";
import { scanPostgres } from "../../transforms/shared/postgres.js";
import type { Service } from "./model.js";
import { commandItems } from "./model.js";

/** The Postgres servers of the stack, in service order: the images the transforms read, and Postgres-like ones they do not. */
export function postgresServers(project: Project): string[] {
  const scan = scanPostgres(project);
  const names = new Set([...scan.known.map((p) => p.service), ...scan.unknown.map((p) => p.service)]);
  return project.services().filter((s) => names.has(s));
}

/** Does a helper whose configured hosts are `hosts` serve the server `service`? */
export function serves(hosts: readonly (string | null | undefined)[], service: string): boolean {
  const known = hosts.filter((h): h is string => typeof h === "string" && h !== "" && !h.includes("$"));
  return known.length === 0 || known.some((h) => h.toLowerCase() === service.toLowerCase());
}

/** The host of `host:port/db`, `scheme://[user:pass@]host:port/db` or `host=… port=…`. */
export function hostOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const keyValue = /(?:^|\s)host=([^\s]+)/.exec(value);
  if (keyValue) return keyValue[1];
  const url = parseUrlCredentials(value);
  const rest = url ? url.rest : value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^@/]*@/, "");
  return rest.split(/[:/?]/)[0] || undefined;
}

/**
 * Is `name` given to the service at all: a non-empty value, a `NAME_FILE` twin, or an entrypoint
 * shim that exports it (`export NAME="$$(cat /run/secrets/…)"`, as env-to-secrets writes them).
 */
export function isProvided(env: Map<string, string | null>, def: Service, name: string): boolean {
  if (env.get(name) || env.get(`${name}_FILE`)) return true;
  const shim = [...commandItems(def.entrypoint), ...commandItems(def.command)].join("\n");
  return new RegExp(`(^|[\\s;&|])${name}=`).test(shim);
}
