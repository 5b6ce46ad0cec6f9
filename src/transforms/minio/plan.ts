/**
 * What each variable of a consumer becomes. The rules, role by role:
 *
 * - endpoint / externalEndpoint: the target URL (or `host[:port]` when the old value had no
 *   scheme, as offen's `AWS_ENDPOINT: minio:9000` and s3cmd's `HOST_BASE` do);
 * - protocol / useSsl: https, in the old value's spelling (`True`, `true`, `1`, `yes`);
 * - accessKey / secretKey: `${S3_ACCESS_KEY}` / `${S3_SECRET_KEY}` — never a literal and never
 *   a default, since the old default is a MinIO key;
 * - region: the target's region, when it has one; added when the app needs it and lacks it;
 * - bucket: only when the options name a new bucket (the old default stays otherwise);
 * - forcePathStyle: only when the options ask for a style;
 * - remove / set: as the layout says (`S3_DISABLE_HTTP` goes; Plane's `USE_MINIO` becomes 0).
 *
 * Values written as `${VAR:-old}` keep their hook: `${VAR:-new}` (see interpolation.ts).
 * `S3_ROOT_FOLDER` is in no role: it is part of every object key and never changes.
 */
import { classifyValue } from "../../secrets/detect.js";
import { resolveDefaults } from "../../interpolation/index.js";
import { rewriteKeepingHook } from "./interpolation.js";
import type { Role, VariableGroup } from "./layouts.js";
import type { Env } from "./consumers.js";

export interface Target {
  url: string;
  /** `host[:port]` of the URL. */
  host: string;
  scheme: "http" | "https";
  /** Region to write; undefined leaves region variables alone. */
  region?: string;
}

export interface PlanOptions {
  target: Target;
  bucket: string;
  accessKeyVariable: string;
  secretKeyVariable: string;
  pathStyle: "keep" | "path" | "virtual";
}

export type EditKind = Role | "remove" | "set";

export interface PlannedEdit {
  service: string;
  variable: string;
  kind: EditKind;
  /** The new value; null removes the variable. */
  next: string | null;
  group: string;
  /** The value keeps a `${VAR:-…}` hook the deployment environment may still fill. */
  keptHook?: string;
  /** For a removal: the neutral value to override with when the definition cannot be edited. */
  neutral?: string;
}

export interface Plan {
  edits: PlannedEdit[];
  /** `${VAR:?…}` values: the environment must supply them; the file has nothing to change. */
  required: { service: string; variable: string; value: string }[];
  /** Literal key values being replaced (to mask in every output). */
  secrets: string[];
}

const hasScheme = (v: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v);

function booleanLike(old: string | null, value: boolean): string {
  const seen = resolveDefaults(old ?? "").trim();
  if (/^[01]$/.test(seen)) return value ? "1" : "0";
  if (/^(yes|no)$/i.test(seen)) return value ? "yes" : "no";
  if (/^(True|False)$/.test(seen)) return value ? "True" : "False";
  if (/^(TRUE|FALSE)$/.test(seen)) return value ? "TRUE" : "FALSE";
  return value ? "true" : "false";
}

/** The value a role should say, before hook handling; undefined leaves the variable alone. */
function wanted(kind: Role, old: string | null, options: PlanOptions): string | undefined {
  const { target } = options;
  switch (kind) {
    case "endpoint":
    case "externalEndpoint": {
      const seen = old === null ? "" : resolveDefaults(old);
      return seen !== "" && !hasScheme(seen) ? target.host : target.url;
    }
    case "protocol":
      return target.scheme;
    case "useSsl":
      return booleanLike(old, target.scheme === "https");
    case "region":
      return target.region;
    case "bucket":
      return options.bucket || undefined;
    case "forcePathStyle":
      return options.pathStyle === "keep" ? undefined : booleanLike(old, options.pathStyle === "path");
    case "accessKey":
    case "secretKey":
      return undefined;
  }
}

function keyEdit(kind: "accessKey" | "secretKey", options: PlanOptions): string {
  return `\${${kind === "accessKey" ? options.accessKeyVariable : options.secretKeyVariable}}`;
}

function literalKeys(old: string | null): string[] {
  const c = classifyValue(old);
  if (!c || old === null) return [];
  // Text around a reference may itself be secret: masked whole, like a literal.
  if (c.kind === "literal" || (c.kind === "composite" && !c.referencesOnly)) return [old];
  return c.defaultValue ? [c.defaultValue] : [];
}

export function planService(service: string, env: Env, groups: VariableGroup[], options: PlanOptions): Plan {
  const plan: Plan = { edits: [], required: [], secrets: [] };
  const planned = new Set<string>();
  const add = (edit: Omit<PlannedEdit, "service">) => {
    if (planned.has(edit.variable)) return;
    planned.add(edit.variable);
    plan.edits.push({ service, ...edit });
  };
  for (const group of groups) {
    for (const [kind, variables] of Object.entries(group.roles) as [Role, string[]][]) {
      for (const variable of variables.filter((v) => env.has(v))) {
        const old = env.get(variable) ?? null;
        if (kind === "accessKey" || kind === "secretKey") {
          // The pipeline already masks secret-named values; a secret key under an unusual name is masked here.
          if (kind === "secretKey") plan.secrets.push(...literalKeys(old));
          add({ variable, kind, next: keyEdit(kind, options), group: group.label });
          continue;
        }
        const value = wanted(kind, old, options);
        if (value === undefined) continue;
        const rewrite = rewriteKeepingHook(old, value);
        if (rewrite.kind === "required") {
          plan.required.push({ service, variable, value });
          planned.add(variable);
          continue;
        }
        add({ variable, kind, next: rewrite.value, group: group.label, ...(rewrite.value !== value ? { keptHook: variable } : {}) });
      }
    }
    for (const [variable, neutral] of Object.entries(group.remove ?? {})) {
      if (env.has(variable)) add({ variable, kind: "remove", next: null, group: group.label, neutral });
    }
    for (const [variable, value] of Object.entries(group.set ?? {})) {
      if (!env.has(variable)) continue;
      const rewrite = rewriteKeepingHook(env.get(variable) ?? null, value);
      if (rewrite.kind === "value") add({ variable, kind: "set", next: rewrite.value, group: group.label, ...(rewrite.value !== value ? { keptHook: variable } : {}) });
    }
    const region = group.roles.region?.[0];
    if (group.addRegion && region && options.target.region && !group.roles.region!.some((v) => env.has(v))) {
      add({ variable: region, kind: "region", next: options.target.region, group: group.label });
    }
  }
  return plan;
}
