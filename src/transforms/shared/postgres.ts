/**
 * Finding the stack's Postgres: which service runs it, which major version its image pins, and
 * how it is told its user, database and password — the facts a backup job or an exporter
 * needs to reach it. Only image families whose environment is documented are read: the
 * official `postgres` image and images built on its entrypoint (`postgis/postgis`), whose
 * `POSTGRES_USER`/`POSTGRES_PASSWORD`/`POSTGRES_DB` (+ `_FILE`) are in docker-library/docs
 * `postgres/content.md`; and `kartoza/postgis`, whose `POSTGRES_USER`/`POSTGRES_PASS`/
 * `POSTGRES_DB` are spelled out in kartoza/docker-pg-backup's compose files.
 */
import type { Project } from "../../project/project.js";
import { classifyValue } from "../../secrets/detect.js";
import { imageBaseName, parseImage, serviceImage, type ImageRef } from "../../image/reference.js";
import { ROLES, roleOf } from "./roles.js";
import { serviceEnv } from "./stack.js";

export type PostgresFlavor = "official" | "kartoza";

/** A setting the database reads either from a variable's value or from a file (`*_FILE`). */
export type Setting = { kind: "value"; value: string } | { kind: "file"; path: string } | { kind: "unknown"; why: string };

export type PasswordSource =
  /** `POSTGRES_PASSWORD_FILE: /run/secrets/<name>`. */
  | { kind: "file"; path: string }
  /** `${VAR}` (with or without a default): the password comes from the deploy environment. */
  | { kind: "variable"; variable: string }
  /** A password written in the compose file. */
  | { kind: "literal" }
  /** Not in the file (env_file, trust authentication, or missing). */
  | { kind: "unset" };

export interface PostgresService {
  service: string;
  image: string;
  flavor: PostgresFlavor;
  /** The major version the tag pins (`16.4` → 16); undefined for `latest`, no tag or `${VAR}`. */
  major?: number;
  user: Setting;
  database: Setting;
  password: PasswordSource;
  /** The environment variable that carries the password (`POSTGRES_PASSWORD`, `POSTGRES_PASS`). */
  passwordVariable: string;
  /** `env_file:` paths: variables missing from `environment:` may be set there, unseen. */
  envFiles: string[];
}

const OFFICIAL = new Set(["postgres", "postgis/postgis"]);
const KARTOZA = new Set(["kartoza/postgis"]);
/** Names that suggest a Postgres server compose-gate cannot read (bitnami, timescale, …). */
const POSTGRES_LIKE = /(postgres|postgis|timescale|pgvector)/;
const NOT_A_SERVER = /(exporter|backup|pgadmin|pgbouncer|adminer|client|restore)/;

function flavorOf(ref: ImageRef): PostgresFlavor | undefined {
  if (OFFICIAL.has(ref.repository)) return "official";
  if (KARTOZA.has(ref.repository)) return "kartoza";
  return undefined;
}

/** `16`, `16.4`, `16-alpine`, `16-3.4` (postgis) → 16. */
export function majorFromTag(tag: string | undefined): number | undefined {
  if (!tag || tag.includes("$")) return undefined;
  const match = /^(\d+)(?:[.-]|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

function setting(env: Map<string, string | null>, name: string, fallback: Setting): Setting {
  const file = env.get(`${name}_FILE`);
  if (file) return { kind: "file", path: file };
  const value = env.get(name);
  return value ? { kind: "value", value } : fallback;
}

function passwordSource(env: Map<string, string | null>, variable: string, fileSupported: boolean): PasswordSource {
  const file = fileSupported ? env.get(`${variable}_FILE`) : undefined;
  if (file) return { kind: "file", path: file };
  const value = env.get(variable);
  const c = classifyValue(value ?? null);
  if (!value || !c) return { kind: "unset" };
  if (c.kind === "reference" && c.variable) return { kind: "variable", variable: c.variable };
  return { kind: "literal" };
}

/** `env_file: a.env`, `[a.env, b.env]` or `[{path: a.env}]` → paths. */
function envFilesOf(def: Record<string, unknown> | undefined): string[] {
  const raw = def?.env_file;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .map((f) => (typeof f === "string" ? f : typeof f === "object" && f !== null ? (f as { path?: unknown }).path : undefined))
    .filter((f): f is string => typeof f === "string");
}

function describe(project: Project, service: string, image: string, flavor: PostgresFlavor): PostgresService {
  const env = serviceEnv(project, service);
  const ref = parseImage(image);
  const envFiles = envFilesOf(project.service(service));
  // A variable missing from `environment:` may still come from an env_file compose-gate cannot read.
  const unseen = (name: string): Setting | undefined =>
    envFiles.length > 0 ? { kind: "unknown", why: `${name} may be set in env_file ${envFiles.join(", ")}, which compose-gate does not read` } : undefined;
  const base = { service, image, flavor, major: majorFromTag(ref.tag), envFiles };
  if (flavor === "kartoza") {
    const db = env.get("POSTGRES_DB");
    return {
      ...base,
      user: setting(env, "POSTGRES_USER", unseen("POSTGRES_USER") ?? { kind: "unknown", why: "POSTGRES_USER is not set" }),
      // kartoza/postgis accepts a comma-separated list of databases; only one can be named here.
      database:
        db && !db.includes(",") ? { kind: "value", value: db } : (unseen("POSTGRES_DB") ?? { kind: "unknown", why: "POSTGRES_DB does not name one database" }),
      password: passwordSource(env, "POSTGRES_PASS", false),
      passwordVariable: "POSTGRES_PASS",
    };
  }
  // Official image: the user defaults to `postgres`, the database to the user (DL postgres/content.md).
  const user = setting(env, "POSTGRES_USER", unseen("POSTGRES_USER") ?? { kind: "value", value: "postgres" });
  return {
    ...base,
    user,
    database: setting(env, "POSTGRES_DB", unseen("POSTGRES_DB") ?? user),
    password: passwordSource(env, "POSTGRES_PASSWORD", true),
    passwordVariable: "POSTGRES_PASSWORD",
  };
}

export interface PostgresScan {
  /** Servers whose environment compose-gate can read. */
  known: PostgresService[];
  /** Services that look like Postgres but use an image family compose-gate does not know. */
  unknown: { service: string; image: string }[];
}

export function scanPostgres(project: Project): PostgresScan {
  const known: PostgresService[] = [];
  const unknown: { service: string; image: string }[] = [];
  for (const service of project.services()) {
    const def = project.service(service);
    const image = serviceImage(def);
    // A scratch copy (backup-verify's restore target) is never the stack's database.
    if (!image || roleOf(def) === ROLES.scratch) continue;
    const ref = parseImage(image);
    const flavor = flavorOf(ref);
    if (flavor) known.push(describe(project, service, image, flavor));
    else if (POSTGRES_LIKE.test(imageBaseName(ref)) && !NOT_A_SERVER.test(ref.repository)) unknown.push({ service, image });
  }
  return { known, unknown };
}

export type PostgresChoice = { ok: true; postgres: PostgresService } | { ok: false; reason: string; none?: boolean };

/**
 * The one Postgres server a helper serves: the service named by the option, or the only one
 * found. Several servers and no option is a question for the user, not a guess.
 */
export function choosePostgres(project: Project, wanted: string): PostgresChoice {
  const scan = scanPostgres(project);
  if (wanted) {
    const found = scan.known.find((p) => p.service === wanted);
    if (found) return { ok: true, postgres: found };
    const odd = scan.unknown.find((p) => p.service === wanted);
    if (odd) return { ok: false, reason: unknownImageReason(odd) };
    return { ok: false, reason: `service "${wanted}" (option postgresService) is not a Postgres service of this stack` };
  }
  if (scan.known.length === 1) return { ok: true, postgres: scan.known[0] };
  if (scan.known.length > 1) {
    return { ok: false, reason: `several Postgres services (${scan.known.map((p) => p.service).join(", ")}); name one with option postgresService` };
  }
  if (scan.unknown.length > 0) return { ok: false, reason: unknownImageReason(scan.unknown[0]) };
  return { ok: false, none: true, reason: "no Postgres service found (images postgres, postgis/postgis, kartoza/postgis)" };
}

function unknownImageReason(p: { service: string; image: string }): string {
  return `service ${p.service} runs ${p.image}, a Postgres image whose environment compose-gate does not know (it reads the official postgres image family and kartoza/postgis)`;
}

/** The variable name another service should use to receive this database's password. */
export function passwordVariableFor(pg: PostgresService): string {
  return pg.password.kind === "variable" ? pg.password.variable : pg.passwordVariable;
}

/** `value` of a setting, or the text a helper writes for it; undefined when it cannot be known. */
export function settingText(s: Setting): string | undefined {
  return s.kind === "value" ? s.value : undefined;
}
