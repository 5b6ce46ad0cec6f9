/**
 * env-to-secrets (gate item 2): plaintext secret environment variables become Docker secrets.
 *
 * Where the image reads a `*_FILE` variant (src/secrets/file-capable.ts), `VAR: value`
 * becomes `VAR_FILE: /run/secrets/<name>` on the same line, the service is granted `<name>`,
 * and `<name>` is declared at the top level (`external: true` for Swarm, `file:` for compose).
 * Everywhere else the variable stays and a manual step explains the options. A script creates
 * the secrets from environment variables, so no secret value is ever written anywhere.
 * See docs/transforms/env-to-secrets.md.
 */
import { fileVariableFor } from "../secrets/file-capable.js";
import { toSecretName } from "../secrets/naming.js";
import { collectSecrets, type OtherUse, type SecretUse } from "./env-to-secrets/collect.js";
import { convertOccurrence, imageOf, type ConvertSettings } from "./env-to-secrets/convert.js";
import { commandLines, echoesOf, type CommandLine } from "./env-to-secrets/echoes.js";
import { allocateNames, groupByOrigin } from "./env-to-secrets/names.js";
import { envToSecretsOptions, type EnvToSecretsOptions } from "./env-to-secrets/options.js";
import { rotateVersions } from "./env-to-secrets/rotate.js";
import { addLeftover, at, newRunLog, serviceList, type RunLog } from "./env-to-secrets/run-log.js";
import { writeScript } from "./env-to-secrets/script.js";
import { reportConversion, reportDroppedValues, reportEnvFiles, reportLeftovers, reportOptional } from "./env-to-secrets/steps.js";
import { identityOf, literalsOf, urlPasswordVariable } from "./env-to-secrets/values.js";
import { deployTarget } from "./shared/stack.js";
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

/** URLs with passwords and composed values: always left for a human, with the secret a shim would read. */
function noteOthers(others: OtherUse[], names: Map<string, string>, log: RunLog): void {
  for (const use of others) {
    if (use.value.kind === "template") {
      addLeftover(log, { kind: "template", use });
      continue;
    }
    const value = use.value;
    const variable = urlPasswordVariable(value.url);
    const secret = variable ? (names.get(`variable:${variable}`) ?? toSecretName(variable)) : toSecretName(`${use.entry.name}_password`);
    addLeftover(log, { kind: "url", use: { ...use, value }, secret });
  }
}

export default defineTransform({
  id: "env-to-secrets",
  title: "Move plaintext secrets into Docker secrets",
  summary: "Secret environment variables become Docker secrets read through *_FILE, with a script that creates them",
  closes: "gate/plaintext-secret",
  options: envToSecretsOptions,
  apply(ctx, written) {
    const { project } = ctx;
    const options: EnvToSecretsOptions = { ...written, target: deployTarget(project, written.target) };
    const rules = { include: options.include, exclude: options.exclude };
    const { secrets, others } = collectSecrets(project, rules);
    registerLiterals(ctx, [...secrets, ...others]);
    if (options.version > 0 && options.target === "compose") ctx.refuse("option version names Swarm secret objects; it is ignored for target compose");
    const declared = project.get(["secrets"]);
    const readsFile = (use: SecretUse) => fileVariableFor(imageOf(project, use.service), use.entry.name, options.fileCapableImages) !== undefined;
    const names = allocateNames(secrets, new Set(isObject(declared) ? Object.keys(declared) : []), readsFile);
    const log = newRunLog();
    convertAll(ctx, secrets, names, options, log);
    reportDroppedValues(ctx, options, log);
    noteOthers(others, names, log);
    rotateVersions(ctx, project, options, log);
    reportOptional(ctx, log);
    reportLeftovers(ctx, project, log);
    reportEnvFiles(ctx, project);
    writeScript(ctx, project, options, log);
  },
});
