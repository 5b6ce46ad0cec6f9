/**
 * The findings of env-to-secrets besides the conversions' own: values that left the file,
 * optional variables, secrets left in plain environment, and environment files it cannot read.
 */
import type { Project } from "../../project/project.js";
import { versionedName } from "../../secrets/naming.js";
import type { TransformContext } from "../types.js";
import type { SecretUse } from "./collect.js";
import { imageOf, type Outcome } from "./convert.js";
import { commandLines, echoesOf, type CommandLine } from "./echoes.js";
import { joinWords, leftoverSteps, type ServiceLeftovers } from "./manual.js";
import type { EnvToSecretsOptions } from "./options.js";
import { addDropped, at, serviceList, valueVariable, type RunLog } from "./run-log.js";
import { identityOf } from "./values.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The change findings of one conversion; values that left the file are kept for one step each. */
export function reportConversion(ctx: TransformContext, uses: SecretUse[], secret: string, outcome: Extract<Outcome, { kind: "converted" }>, options: EnvToSecretsOptions, log: RunLog): void {
  const first = uses[0];
  const via = first.entry.sharedVia ? ` (through anchor &${first.entry.sharedVia})` : "";
  ctx.change(`${serviceList(uses)}${via}: ${first.entry.name} → ${outcome.fileVariable}=${outcome.mount}, read from secret ${secret}`, at(first));
  if (outcome.declared) {
    const decl = options.target === "compose" ? `file: ./${options.secretsDir}/${secret}` : options.version > 0 ? `external, name ${versionedName(secret, options.version)}` : "external";
    ctx.change(`declared secret ${secret} (${decl})`);
  }
  log.variables.set(secret, valueVariable(first, secret));
  const value = first.value;
  if (value.kind === "literal") addDropped(log, identityOf(value), { kind: "literal", text: value.text, now: { secret } }, uses);
  if (value.kind === "reference" && value.defaultValue) addDropped(log, identityOf(value), { kind: "default", text: value.defaultValue, now: { secret } }, uses);
}

/**
 * Values written in the file (literals, `${VAR:-default}` defaults) that left it: the secret
 * (or the deploy variable) must be set from somewhere now, and the old value was committed to git.
 */
export function reportDroppedValues(ctx: TransformContext, options: EnvToSecretsOptions, log: RunLog): void {
  let lines: CommandLine[] | undefined;
  for (const dropped of log.dropped.values()) {
    const { uses } = dropped;
    const first = uses[0];
    const names = joinWords([...new Set(uses.map((u) => u.entry.name))]);
    const where = `${names} (${serviceList(uses)})`;
    const echoes = echoesOf((lines ??= commandLines(ctx.project)), dropped.text);
    const also = echoes.length > 0 ? `; the same text also appears in ${joinWords(echoes)}: check whether that is this secret` : "";
    const whose = uses.length > 1 ? "their" : "its";
    if ("variable" in dropped.now) {
      ctx.manual(
        `${where} had ${whose} value written in ${first.doc.filename}; it now reads \${${dropped.now.variable}}: set ${dropped.now.variable} where the stack is deployed, then rotate it: the old value is in git history${also}`,
        at(first),
      );
    } else if (dropped.kind === "literal") {
      const variable = log.variables.get(dropped.now.secret) ?? dropped.now.secret.toUpperCase();
      ctx.manual(
        `${where} had ${whose} value written in ${first.doc.filename}; it is now secret ${dropped.now.secret}: export ${variable} with that value for ${options.script}, then rotate it: the old value is in git history${also}`,
        at(first),
      );
    } else {
      const variable = log.variables.get(dropped.now.secret) ?? dropped.now.secret.toUpperCase();
      ctx.manual(
        `${where} fell back to a default written in ${first.doc.filename}; secret ${dropped.now.secret} has no default: export ${variable} for ${options.script} (the value the service runs with today), then rotate it if that was the default${also}`,
        at(first),
      );
    }
  }
}

/**
 * `${VAR:-}` says the stack runs without VAR. A secret cannot be empty and an external one
 * must exist, so converting would make the variable required: that is the user's decision.
 */
export function reportOptional(ctx: TransformContext, log: RunLog): void {
  const bySet = new Map<string, SecretUse[]>();
  for (const uses of log.optional.values()) {
    const key = uses.map((u) => u.origin).join(" ");
    bySet.set(key, [...(bySet.get(key) ?? []), ...uses]);
  }
  for (const uses of bySet.values()) {
    const names = [...new Set(uses.map((u) => u.entry.name))];
    const services = [...new Set(uses.map((u) => `services.${u.service}`))];
    const one = names.length === 1;
    ctx.manual(
      `${joinWords(services)}: ${joinWords(names)} ${one ? "defaults" : "default"} to empty (\${…:-}), so ${one ? "it is" : "they are"} optional and left as ${one ? "it is" : "they are"}: ` +
        `as a secret, ${one ? "it" : "each"} would have to exist before deploying. Once in use, convert by hand (<NAME>_FILE: /run/secrets/<name>) or drop the empty default and run env-to-secrets again`,
      at(uses[0]),
    );
  }
}

export function reportLeftovers(ctx: TransformContext, project: Project, log: RunLog): void {
  const groups: ServiceLeftovers[] = [...log.leftovers].map(([service, items]) => ({
    service,
    image: imageOf(project, service),
    builds: project.service(service)?.build !== undefined,
    items,
    ...(log.shimReasons.has(service) ? { shimReason: log.shimReasons.get(service) } : {}),
  }));
  for (const step of leftoverSteps(groups)) ctx.manual(step.message, { ...(step.location ? { location: step.location } : {}), service: step.service });
}

/** Environment files are not read: say so where a service has one, since secrets often live there. */
export function reportEnvFiles(ctx: TransformContext, project: Project): void {
  const byFiles = new Map<string, string[]>();
  for (const service of project.services()) {
    const raw = project.service(service)?.env_file;
    const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((f) => (isObject(f) ? String(f.path) : String(f)));
    if (files.length === 0) continue;
    const key = files.join(", ");
    byFiles.set(key, [...(byFiles.get(key) ?? []), service]);
  }
  for (const [files, services] of byFiles) {
    const location = project.locate(["services", services[0], "env_file"]);
    ctx.manual(
      `${joinWords(services.map((s) => `services.${s}`))} ${services.length === 1 ? "loads" : "load"} env_file ${files}, which compose-gate does not read: move secrets found there into Docker secrets the same way`,
      { ...(location ? { location } : {}), service: services[0] },
    );
  }
}

