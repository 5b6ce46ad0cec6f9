/**
 * env-to-secrets (gate item 2): plaintext secret environment variables become Docker secrets.
 *
 * Where the image reads a `*_FILE` variant (src/secrets/file-capable.ts), `VAR: value`
 * becomes `VAR_FILE: /run/secrets/<name>` on the same line, the service is granted `<name>`,
 * and `<name>` is declared at the top level (`external: true` for Swarm, `file:` for compose).
 * Where the image reads no file but is known to have `/bin/sh` and a known start, the variables
 * move into an entrypoint shim that reads them from /run/secrets (env-to-secrets/shim.ts).
 * Everywhere else the variable stays, a value written in the file becomes `${NAME}`, and a
 * manual step says what is left. A script creates the secrets from environment variables, so no
 * secret value is ever written anywhere. See docs/transforms/env-to-secrets.md.
 */
import { variablesIn } from "../interpolation/index.js";
import { isSecretName, type SecretRules } from "../secrets/detect.js";
import { fileVariableFor } from "../secrets/file-capable.js";
import { keyOfObject, toSecretName, valueVariableFor } from "../secrets/naming.js";
import { collectSecrets, type OtherUse, type SecretUse } from "./env-to-secrets/collect.js";
import { convertOccurrence, imageOf, type ConvertSettings } from "./env-to-secrets/convert.js";
import { commandLines, echoesOf, type CommandLine } from "./env-to-secrets/echoes.js";
import { applyCredentialsFiles } from "./env-to-secrets/credentials-file.js";
import { generatedOnDisk, variablesOnDisk } from "./env-to-secrets/generated-file.js";
import { takeLiteralsOut } from "./env-to-secrets/literals.js";
import { allocateNames, groupByOrigin, type ExtraIdentity } from "./env-to-secrets/names.js";
import { envToSecretsOptions, type EnvToSecretsOptions } from "./env-to-secrets/options.js";
import { rotateVersions } from "./env-to-secrets/rotate.js";
import { addLeftover, at, newRunLog, serviceList, type RunLog } from "./env-to-secrets/run-log.js";
import { scriptEntries, writeScript, type ScriptEntry } from "./env-to-secrets/script.js";
import { writeWorkflow } from "./env-to-secrets/workflow.js";
import { applyShims } from "./env-to-secrets/shim.js";
import type { SecretNames } from "./env-to-secrets/shim-values.js";
import { reportConversion, reportDroppedValues, reportEnvFiles, reportLeftovers, reportOptional } from "./env-to-secrets/steps.js";
import { identityOf, literalsOf, urlPasswordVariable } from "./env-to-secrets/values.js";
import { deployTarget } from "./shared/stack.js";
import { handOver, offerSecretFiles, takePending, type SecretFiles } from "./shared/swarm-secrets.js";
import { defineTransform, type TransformContext } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every literal seen is registered for masking, converted or not. */
function registerLiterals(ctx: TransformContext, uses: readonly (SecretUse | OtherUse)[]): void {
  for (const use of uses) for (const text of literalsOf(use.value)) ctx.secret(text);
}

/** Convert each occurrence (one place in a file) whole, or record why not. */
function convertAll(ctx: TransformContext, uses: SecretUse[], names: Map<string, string>, options: EnvToSecretsOptions, log: RunLog): void {
  const settings: ConvertSettings = options;
  // Conversions edit environments, not command lines: read those once, not once per secret.
  let lines: CommandLine[] | undefined;
  for (const group of groupByOrigin(uses)) {
    const secret = names.get(identityOf(group[0].value))!;
    const outcome = convertOccurrence(ctx.project, group, secret, settings);
    if (outcome.kind === "converted") {
      log.edited = true;
      reportConversion(ctx, group, secret, outcome, options, log);
    } else if (outcome.kind === "optional") {
      for (const use of group) log.optional.set(use.service, [...(log.optional.get(use.service) ?? []), use]);
    } else if (outcome.kind === "refused") {
      ctx.refuse(`${serviceList(group)}: ${group[0].entry.name} not converted: ${outcome.reason}`, at(group[0]));
    } else {
      const echoes = group[0].value.kind === "literal" ? echoesOf((lines ??= commandLines(ctx.project)), group[0].value.text) : [];
      for (const use of group) {
        const reason = outcome.reason && outcome.reasonFor?.includes(use.service) ? { reason: outcome.reason } : {};
        addLeftover(log, { kind: "secret", use, secret, ...reason, echoes });
      }
    }
  }
}

/** The identity under which a URL's literal password is one secret with every other use of that text. */
function urlPasswordIdentity(use: OtherUse & { value: { kind: "url" } }): ExtraIdentity {
  const variable = urlPasswordVariable(use.value.url);
  if (variable) return { identity: `variable:${variable}`, base: variable, service: use.service };
  return { identity: `literal:${use.value.url.password}`, base: `${use.entry.name}_password`, service: use.service };
}

/** Secret values inside URLs and composed values, to be named with the rest. */
function extraIdentities(others: OtherUse[], isSecret: (variable: string) => boolean): ExtraIdentity[] {
  const out: ExtraIdentity[] = [];
  for (const use of others) {
    if (use.value.kind === "url") out.push(urlPasswordIdentity(use as OtherUse & { value: { kind: "url" } }));
    else for (const v of variablesIn(use.entry.value ?? "")) if (isSecret(v)) out.push({ identity: `variable:${v}`, base: v, service: use.service });
  }
  return out;
}

/** URLs with passwords and composed values: leftovers, with the secret a shim would read. */
function noteOthers(others: OtherUse[], names: Map<string, string>, log: RunLog): void {
  for (const use of others) {
    if (use.value.kind === "template") {
      addLeftover(log, { kind: "template", use });
      continue;
    }
    const value = use.value;
    const { identity, base } = urlPasswordIdentity(use as OtherUse & { value: { kind: "url" } });
    addLeftover(log, { kind: "url", use: { ...use, value }, secret: names.get(identity) ?? toSecretName(base) });
  }
}

/** What the shims need to name the secrets inside values. */
function secretNames(names: Map<string, string>, rules: SecretRules, secretVariables: ReadonlySet<string>): SecretNames {
  return {
    nameOf: (identity) => names.get(identity),
    variableOf: valueVariableFor,
    isSecret: (variable) => secretVariables.has(variable) || isSecretName(variable, rules),
  };
}

/** The variables the generated files on disk read, for secrets this run did not see come from a `${VAR}`. */
export function rememberVariables(ctx: TransformContext, options: Pick<EnvToSecretsOptions, "script" | "syncWorkflow">, log: RunLog): void {
  const keys: string[] = [];
  for (const declared of [ctx.project.get(["secrets"]), ...[...ctx.project.companions.values()].map((doc) => doc.get(["secrets"]))]) {
    if (isObject(declared)) keys.push(...Object.keys(declared));
  }
  const files = [{ path: options.script, base: "stack" as const }, ...(options.syncWorkflow ? [{ path: options.syncWorkflow, base: "repository" as const }] : [])];
  for (const [key, variable] of variablesOnDisk(ctx, files, (object) => keyOfObject(object, keys))) {
    if (!log.variables.has(key)) log.variables.set(key, variable);
  }
}

export default defineTransform({
  id: "env-to-secrets",
  title: "Move plaintext secrets into Docker secrets",
  summary: "Secret environment variables become Docker secrets, read through *_FILE, a credentials file or an entrypoint shim; a script and a secrets-sync workflow create them",
  closes: "gate/plaintext-secret",
  options: envToSecretsOptions,
  apply(ctx, written) {
    const { project } = ctx;
    const options: EnvToSecretsOptions = { ...written, target: deployTarget(project, written.target) };
    const rules = { include: options.include, exclude: options.exclude };
    const { secrets, others, secretVariables } = collectSecrets(project, rules);
    registerLiterals(ctx, [...secrets, ...others]);
    if (options.version > 0 && options.target === "compose") ctx.refuse("option version names Swarm secret objects; it is ignored for target compose");
    const declared = project.get(["secrets"]);
    const readsFile = (use: SecretUse) => fileVariableFor(imageOf(project, use.service), use.entry.name, options.fileCapableImages) !== undefined;
    const naming = secretNames(new Map(), rules, secretVariables);
    const extras = extraIdentities(others, naming.isSecret);
    const names = allocateNames(secrets, new Set(isObject(declared) ? Object.keys(declared) : []), readsFile, extras);
    const log = newRunLog();
    convertAll(ctx, secrets, names, options, log);
    noteOthers(others, names, log);
    applyCredentialsFiles(ctx, names, options, log);
    applyShims(ctx, secretNames(names, rules, secretVariables), options, log);
    takeLiteralsOut(ctx, names, log);
    reportDroppedValues(ctx, options, log);
    rotateVersions(ctx, project, options, log);
    reportOptional(ctx, log);
    reportLeftovers(ctx, project, log);
    reportEnvFiles(ctx, project);
    // Secrets earlier transforms of the run declared (backup-verify's) are created by the same files.
    const pending = takePending(ctx);
    if (pending.length > 0) log.edited = true;
    rememberVariables(ctx, options, log);
    writeScript(ctx, project, options, log);
    if (options.target === "swarm") writeWorkflow(ctx, scriptEntries(project, "swarm", log.variables), options, log.edited);
    const files = secretFiles(options, log);
    const variables = byName(scriptEntries(project, options.target, log.variables));
    for (const group of pending) handOver(ctx, group, options.target === "swarm" ? variables : new Map(), files);
    // Later transforms of the run (observability) put their new secrets in the same files.
    if (options.target === "swarm" && (log.edited || generatedOnDisk(ctx, options.script, "stack") !== undefined)) offerSecretFiles(ctx, files);
  },
});

/** The variable of each secret the files create, by its key and by its Docker name. */
function byName(entries: readonly ScriptEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    out.set(e.key, e.variable);
    out.set(e.object, e.variable);
  }
  return out;
}

/** The script and workflow as a later transform of the run extends them (shared/swarm-secrets.ts). */
function secretFiles(options: EnvToSecretsOptions, log: RunLog): SecretFiles {
  return {
    refresh(ctx) {
      log.edited = true;
      rememberVariables(ctx, options, log);
      writeScript(ctx, ctx.project, options, log, false);
      const entries = scriptEntries(ctx.project, "swarm", log.variables);
      writeWorkflow(ctx, entries, options, true, false);
      return byName(entries);
    },
    describe: (variable) =>
      `export it before running ${options.script}` +
      (options.syncWorkflow ? `, and add it as the GitHub environment secret ${variable} of "${options.environment}" for ${options.syncWorkflow}` : "") +
      (options.syncWorkflow ? "; both create the secret with the stack's others" : ", which creates the secret with the stack's others"),
  };
}
