/**
 * The `create-secrets` script: creates every secret the stack declares, each from an
 * environment variable, so that no secret value is ever written into the repository.
 *
 * Swarm (`external: true`): `printf '%s' "$VAR" | docker secret create NAME -` (stdin form,
 * domain.md §3 / DD), skipping secrets that `docker secret inspect` finds, since secrets are
 * immutable. Compose (`file:`): writes each missing file with mode 600. Every variable is
 * checked before anything is created, so a run either creates all missing secrets or stops
 * and names every variable it lacks.
 */
import path from "node:path";
import type { Project } from "../../project/project.js";
import { valueVariableFor } from "../../secrets/naming.js";
import type { TransformContext } from "../types.js";
import { addGenerated, GENERATED_MARK, generatedOnDisk } from "./generated-file.js";
import type { Target } from "./grants.js";
import { joinWords } from "./manual.js";
import type { EnvToSecretsOptions } from "./options.js";
import type { RunLog } from "./run-log.js";

export interface ScriptEntry {
  /** The key under top-level `secrets:`. */
  key: string;
  /** The Docker secret name (Swarm) or the file path relative to the compose file (compose). */
  object: string;
  /** The environment variable holding the value. */
  variable: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Characters that may appear unquoted in the generated shell (names, variables, relative paths). */
const SHELL_SAFE = /^[A-Za-z0-9_./-]+$/;

/**
 * The secrets the script handles: the stack's external secrets (Swarm) or its `file:` secrets
 * (compose), with the variable each is read from (`variables` maps keys to the variables the
 * values came from in this run; other keys read `KEY` upper-cased). Under Swarm, the external
 * secrets of its companion stacks (the observability stack's Grafana password) too: secret names
 * are the swarm's, not a stack's, and one script and workflow create them all. Names or paths
 * that are themselves interpolated (`name: ${CERT}`) are left out: the script cannot know them.
 */
export function scriptEntries(project: Project, target: Target, variables: ReadonlyMap<string, string>): ScriptEntry[] {
  const declared: [string, unknown][] = [];
  const own = project.get(["secrets"]);
  if (isObject(own)) for (const entry of Object.entries(own)) declared.push(entry);
  if (target === "swarm") {
    for (const doc of project.companions.values()) {
      const theirs = doc.get(["secrets"]);
      if (isObject(theirs)) for (const entry of Object.entries(theirs)) declared.push(entry);
    }
  }
  const out: ScriptEntry[] = [];
  const objects = new Set<string>();
  for (const [key, decl] of declared) {
    if (!isObject(decl)) continue;
    const variable = variables.get(key) ?? valueVariableFor(key);
    const object = target === "swarm" ? (decl.external === true ? String(decl.name ?? key) : undefined) : typeof decl.file === "string" ? decl.file : undefined;
    if (!object || objects.has(object) || !SHELL_SAFE.test(object) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) continue;
    objects.add(object);
    out.push({ key, object, variable });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

const HEADER = (what: string, usage: string) => `#!/usr/bin/env bash
# ${GENERATED_MARK} ${what}
# Each value is read from an environment variable; no secret value is written in this file.
# Usage: ${usage}
set -euo pipefail
`;

const CHECK = `
# Stop before creating anything when a value is missing, and name every missing variable.
missing=()
require() {
  local what="$1" var="$2"
  if [ -z "\${!var:-}" ]; then missing+=("$var (for $what)"); fi
}
report_missing() {
  if [ "\${#missing[@]}" -gt 0 ]; then
    printf 'error: set these environment variables first:\\n' >&2
    printf '  %s\\n' "\${missing[@]}" >&2
    exit 1
  fi
}
`;

function swarmScript(entries: ScriptEntry[]): string {
  const checks = entries.map((e) => `docker secret inspect ${e.object} >/dev/null 2>&1 || require ${e.object} ${e.variable}`);
  const creates = entries.map((e) => `create_secret ${e.object} ${e.variable}`);
  return `${HEADER(
    "Creates the Docker Swarm secrets the stack declares as external.",
    `export ${entries.map((e) => `${e.variable}=…`).join(" ")}; then run this script on a Swarm manager.`,
  )}${CHECK}
${checks.join("\n")}
report_missing

create_secret() {
  local name="$1" var="$2"
  if docker secret inspect "$name" >/dev/null 2>&1; then
    echo "secret $name exists, skipped (secrets are immutable: rotate with a new version)"
    return 0
  fi
  printf '%s' "\${!var}" | docker secret create "$name" - >/dev/null
  echo "created secret $name"
}

${creates.join("\n")}
`;
}

function composeScript(entries: ScriptEntry[], scriptPath: string): string {
  const up = path.posix.relative(path.posix.dirname(scriptPath), ".") || ".";
  const checks = entries.map((e) => `[ -e ${e.object} ] || require ${e.object} ${e.variable}`);
  const writes = entries.map((e) => `write_secret ${e.object} ${e.variable}`);
  return `${HEADER(
    "Writes the secret files the stack's `file:` secrets point at.",
    `export ${entries.map((e) => `${e.variable}=…`).join(" ")}; then run this script. Keep the files out of git.`,
  )}
# Secret paths are relative to the compose file's directory.
cd "$(dirname "$0")/${up}"
${CHECK}
${checks.join("\n")}
report_missing

write_secret() {
  local file="$1" var="$2"
  if [ -e "$file" ]; then
    echo "$file exists, skipped"
    return 0
  fi
  mkdir -p "$(dirname "$file")"
  (umask 077 && printf '%s' "\${!var}" > "$file")
  chmod 600 "$file"
  echo "wrote $file"
}

${writes.join("\n")}
`;
}

export function renderScript(entries: ScriptEntry[], target: Target, scriptPath: string): string {
  return target === "swarm" ? swarmScript(entries) : composeScript(entries, scriptPath);
}

/**
 * Add the script when the run changed the stack (or keep the one it generated earlier current),
 * with the step that says to run it.
 */
export function writeScript(ctx: TransformContext, project: Project, options: EnvToSecretsOptions, log: RunLog, steps = true): void {
  if (!log.edited && generatedOnDisk(ctx, options.script, "stack") === undefined) return;
  const entries = scriptEntries(project, options.target, log.variables);
  if (entries.length === 0) return;
  const changed = addGenerated(ctx, {
    path: options.script,
    content: renderScript(entries, options.target, options.script),
    mode: 0o755,
    description: options.target === "swarm" ? "creates the stack's Docker secrets from environment variables" : "writes the stack's secret files from environment variables",
  });
  if ((!changed && !log.edited) || !steps) return;
  const vars = joinWords(entries.map((e) => e.variable));
  if (options.target === "swarm") {
    ctx.manual(`before docker stack deploy, export ${vars} and run ${options.script} on a Swarm manager: it creates ${joinWords(entries.map((e) => e.object))} where missing`);
  } else {
    ctx.manual(
      `before docker compose up, export ${vars} and run ${options.script}: it writes ${joinWords(entries.map((e) => e.object))} (mode 600) where missing; add ${options.secretsDir}/ to .gitignore. File secrets are bind mounts: uid, gid and mode are not applied, so a service that runs as another user needs its file readable by that user`,
    );
  }
}
