/**
 * Compose's multi-file merge (`docker compose -f base.yml -f override.yml`), on plain data:
 * maps merge recursively, sequences append, and the documented exceptions apply —
 * `command`, `entrypoint` and `healthcheck.test` are replaced; `ports`, `volumes`, `secrets`
 * and `configs` merge by their unique key; `environment` and `labels` merge per variable
 * whichever form each file uses; `!reset` removes a value and `!override` replaces it.
 * Source: compose-spec 13-merge.md and compose-go override/merge.go (see docs/transforms.md).
 */
export type MergeTag = "!reset" | "!override";

const REPLACED = new Set(["command", "entrypoint"]);
const BY_TARGET = new Set(["volumes", "secrets", "configs"]);
const AS_MAP = new Set(["environment", "labels", "annotations", "args", "sysctls", "extra_hosts"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `["A=1", "B"]` → `{A: "1", B: null}`, the map form compose normalises lists to. */
export function listToMap(value: unknown): Record<string, unknown> {
  if (isObject(value)) return value;
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== "string") continue;
      const eq = item.indexOf("=");
      if (eq < 0) out[item] = null;
      else out[item.slice(0, eq)] = item.slice(eq + 1);
    }
  }
  return out;
}

function uniqueKey(parent: string, item: unknown): string {
  if (parent === "volumes") {
    if (typeof item === "string") {
      const parts = item.split(":");
      return parts.length > 1 ? parts[1] : parts[0];
    }
    if (isObject(item)) return String(item.target ?? JSON.stringify(item));
  }
  if (parent === "secrets" || parent === "configs") {
    if (typeof item === "string") return parent === "secrets" ? `/run/secrets/${item}` : `/${item}`;
    if (isObject(item)) {
      const target = item.target ?? item.source;
      return parent === "secrets" && typeof target === "string" && !target.startsWith("/") ? `/run/secrets/${target}` : String(target);
    }
  }
  return JSON.stringify(item);
}

function mergeSequences(parent: string, base: unknown[], over: unknown[]): unknown[] {
  if (REPLACED.has(parent)) return over;
  const keyed = BY_TARGET.has(parent) || parent === "ports";
  if (!keyed) return [...base, ...over.filter((o) => !base.some((b) => JSON.stringify(b) === JSON.stringify(o)))];
  const out = [...base];
  for (const item of over) {
    const key = uniqueKey(parent, item);
    const at = out.findIndex((b) => uniqueKey(parent, b) === key);
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return out;
}

/**
 * Merge `over` onto `base`. `tags` maps dot-joined paths of `over` to their merge tag.
 * `path` is the location of the values being merged (used for tag lookup and special keys).
 */
export function mergeValues(base: unknown, over: unknown, tags: Map<string, MergeTag>, path: string[] = []): unknown {
  const here = path.join(".");
  if (tags.get(here) === "!override") return over;
  const key = path[path.length - 1] ?? "";
  const inHealthcheck = path[path.length - 2] === "healthcheck" && key === "test";
  if (inHealthcheck) return over;
  if (AS_MAP.has(key) && path[0] === "services" && (Array.isArray(base) || Array.isArray(over) || isObject(base) || isObject(over))) {
    return mergeMaps(listToMap(base), listToMap(over), tags, path);
  }
  if (Array.isArray(base) && Array.isArray(over)) return mergeSequences(key, base, over);
  if (isObject(base) && isObject(over)) return mergeMaps(base, over, tags, path);
  return over === undefined ? base : over;
}

function mergeMaps(base: Record<string, unknown>, over: Record<string, unknown>, tags: Map<string, MergeTag>, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const childPath = [...path, k];
    if (tags.get(childPath.join(".")) === "!reset") {
      delete out[k];
      continue;
    }
    out[k] = k in base ? mergeValues(base[k], v, tags, childPath) : v;
  }
  return out;
}
