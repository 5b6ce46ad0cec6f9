/**
 * `compose-gate secrets rotate <secret>`: a Swarm secret cannot change ("only updates to Labels
 * are allowed", moby/moby#33808), so a new value is a new object. The stack's declaration moves
 * to the next versioned name — `postgres_password` → `name: postgres_password_v2`, then `_v3` —
 * while its key stays, so every service keeps mounting /run/secrets/postgres_password and no
 * grant or `*_FILE` path changes (the compose spec's `name:`, and docker/docs' advice to put a
 * version in secret names). The create-secrets script and the secrets-sync workflow follow the
 * new name, and the steps say exactly how to deploy it and when the old object may go.
 *
 * Not in any preset: it runs only when asked for one secret (the CLI builds it per call).
 */
import type { ComposeDocument } from "../document/compose-document.js";
import type { CompanionRole } from "../project/project.js";
import { hasInterpolation, variablesIn } from "../interpolation/index.js";
import { listToMap } from "../project/merge.js";
import { secretReadBy, versionOf, versionedName } from "../secrets/naming.js";
import { rememberVariables } from "./env-to-secrets.js";
import { joinWords } from "./env-to-secrets/manual.js";
import { envToSecretsOptions, type EnvToSecretsOptions } from "./env-to-secrets/options.js";
import { newRunLog } from "./env-to-secrets/run-log.js";
import { scriptEntries, writeScript } from "./env-to-secrets/script.js";
import { defaultStack, writeWorkflow } from "./env-to-secrets/workflow.js";
import { scanPostgres } from "./shared/postgres.js";
import { defineTransform, type Transform, type TransformContext } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const ROTATE_ID = "secrets-rotate";

interface Declared {
  doc: ComposeDocument;
  /** The companion stack that declares it (the observability stack), deployed on its own. */
  role?: CompanionRole;
  key: string;
  /** The Docker object the stack uses today. */
  current: string;
  decl: Record<string, unknown>;
}

/**
 * The declaration `wanted` names: by its key or by the Docker object it points at now; in the
 * stack's files (the last one that declares it wins, as in the merged model), else in a
 * companion stack's (its secrets are created by the same script and workflow).
 */
function findDeclaration(ctx: TransformContext, wanted: string): Declared | undefined {
  const places: { doc: ComposeDocument; role?: CompanionRole }[] = [...ctx.project.docs].reverse().map((doc) => ({ doc }));
  for (const [role, doc] of ctx.project.companions) places.push({ doc, role });
  for (const { doc, role } of places) {
    const secrets = doc.get(["secrets"]);
    if (!isObject(secrets)) continue;
    for (const [key, decl] of Object.entries(secrets)) {
      if (!isObject(decl)) continue;
      const current = typeof decl.name === "string" ? decl.name : key;
      if (key === wanted || current === wanted) return { doc, key, current, decl, ...(role ? { role } : {}) };
    }
  }
  return undefined;
}

const grants = (list: unknown, key: string) => Array.isArray(list) && list.some((g) => g === key || (isObject(g) && g.source === key));

/** The services that mount the secret (of the companion stack, for a secret it declares). */
function consumers(ctx: TransformContext, d: Declared): string[] {
  if (d.role) {
    const services = d.doc.get(["services"]);
    return isObject(services) ? Object.keys(services).filter((s) => isObject(services[s]) && grants((services[s] as Record<string, unknown>).secrets, d.key)) : [];
  }
  return ctx.project.services().filter((s) => grants(ctx.project.service(s)?.secrets, d.key));
}

/** Why the declaration cannot be rotated by renaming, if it cannot. */
function problem(ctx: TransformContext, d: Declared): string | undefined {
  if (d.decl.external !== true) {
    const what = typeof d.decl.file === "string" ? `a file secret (${d.decl.file}): docker compose reads the file again on the next \`up\`, so write the new value into it and recreate the services` : "not an external secret";
    return `secret ${d.key} is ${what}`;
  }
  if (hasInterpolation(d.current)) return `secret ${d.key} is named ${d.current}, which the deploy environment decides; rotate it by setting that variable to a new name`;
  if (d.current !== d.key && versionOf(d.key, d.current) === undefined) {
    return `secret ${d.key} points at ${d.current}, a name compose-gate did not version; give it the new name by hand (name: <new>), create that secret, then deploy`;
  }
  if (!d.role && !ctx.project.isEditable(d.doc)) return `secret ${d.key} is declared in ${d.doc.filename}, which compose-gate may not edit`;
  return undefined;
}

/** The steps that follow the rename, in order: create, (database), deploy, clean up. */
function reportSteps(ctx: TransformContext, options: EnvToSecretsOptions, d: Declared, next: string, variable: string, services: string[]): void {
  const app = options.stackName || defaultStack(ctx.project.docs.map((doc) => ctx.repositoryPath(doc.filename))) || "<stack>";
  // A companion stack is deployed on its own, under the app's name with its suffix (docs/transforms/observability.md).
  const files = (d.role ? [d.doc] : ctx.project.docs).map((doc) => `-c ${doc.filename}`).join(" ");
  const stack = d.role ? `${app}-obs` : app;
  const readers = ctx.project.services().filter((s) => Object.values(listToMap(ctx.project.service(s)?.environment)).some((v) => typeof v === "string" && variablesIn(v).includes(variable)));
  const alsoEnv = readers.length > 0 ? ` with ${variable} set to the new value where you deploy (${joinWords(readers.map((s) => `services.${s}`))} still read \${${variable}})` : "";
  const sync = options.syncWorkflow ? `run the secrets-sync workflow (${options.syncWorkflow}) after updating the GitHub secret ${variable}, or ` : "";
  ctx.manual(`rotate ${d.key}, step 1: put the new value in ${variable} and create ${next}: ${sync}export ${variable} and run ${options.script} on a Swarm manager (both skip the secrets that exist, ${d.current} among them)`);
  for (const pg of scanPostgres(ctx.project).known) {
    if (secretReadBy(ctx.project.service(pg.service), pg.passwordVariable) !== d.key) continue;
    const user = pg.user.kind === "value" ? pg.user.value : "postgres";
    ctx.manual(
      `rotate ${d.key}, step 2: services.${pg.service} applies ${pg.passwordVariable}_FILE only when its data directory is empty, so the database keeps the old password: set the new one right before deploying, from a shell on the node that runs it (docker service ps ${stack}_${pg.service}) with ${variable} exported — ` +
        `printf '%s\\n%s\\n' "$${variable}" "$${variable}" | docker exec -i "$(docker ps -q -f label=com.docker.swarm.service.name=${stack}_${pg.service} | head -n 1)" psql -U ${user} -c '\\password ${user}' ` +
        `(psql hashes the password and sends ALTER ROLE ${user} PASSWORD '<hash>'; the value is read from stdin, never from a command line)`,
      { service: pg.service },
    );
  }
  ctx.manual(
    `rotate ${d.key}, step 3: deploy${alsoEnv}: docker stack deploy --detach=false ${files} ${stack} — ${joinWords(services.map((s) => `services.${s}`)) || "the services"} restart with ${next} at /run/secrets/${d.key}`,
  );
  ctx.manual(
    `rotate ${d.key}, step 4: once every task runs the new spec (docker stack ps ${stack} shows no task of the old one running), remove the old object: docker secret rm ${d.current} — Swarm refuses while a service still uses it, and a rollback needs it until then`,
  );
}

/** The rotation of `secret`, as a transform that takes env-to-secrets' options (script, workflow, target). */
export function secretRotation(secret: string): Transform<typeof envToSecretsOptions> {
  return defineTransform({
    id: ROTATE_ID,
    title: `Rotate secret ${secret}`,
    summary: "Move a Swarm secret to its next versioned name and keep the script and workflow current",
    options: envToSecretsOptions,
    apply(ctx, written) {
      const options: EnvToSecretsOptions = { ...written, target: "swarm" };
      const found = findDeclaration(ctx, secret);
      if (!found) {
        const declared = ctx.project.get(["secrets"]);
        const keys = isObject(declared) ? Object.keys(declared) : [];
        ctx.refuse(`no secret ${secret} is declared in this stack${keys.length ? ` (it declares ${joinWords(keys)})` : ""}`);
        return;
      }
      const why = problem(ctx, found);
      if (why) {
        ctx.refuse(why);
        return;
      }
      const next = versionedName(found.key, (versionOf(found.key, found.current) ?? 1) + 1);
      found.doc.set(["secrets", found.key, "name"], next);
      const location = found.doc.locate(["secrets", found.key]);
      ctx.change(`secret ${found.key}: ${found.current} → ${next} (services keep /run/secrets/${found.key})`, location ? { location } : {});
      const log = newRunLog();
      log.edited = true;
      rememberVariables(ctx, options, log);
      // Rewritten only where compose-gate generated them; the steps below say how to use them.
      writeScript(ctx, ctx.project, options, log, false);
      const entries = scriptEntries(ctx.project, "swarm", log.variables);
      writeWorkflow(ctx, entries, options, true, false);
      const variable = entries.find((e) => e.key === found.key)?.variable ?? found.key.toUpperCase();
      reportSteps(ctx, options, found, next, variable, consumers(ctx, found));
    },
  });
}
