/**
 * An image with no shell may still read a file: nhost's storage takes its S3 key pair from an
 * AWS shared-credentials file when S3_ACCESS_KEY and S3_SECRET_KEY are empty (the AWS SDK's
 * default chain reads the file `AWS_SHARED_CREDENTIALS_FILE` names; src/secrets/file-capable.ts
 * has the sources). Both variables leave the environment together: the first becomes
 * `AWS_SHARED_CREDENTIALS_FILE: /run/secrets/<service>_aws_credentials` on its own line, the
 * second goes, and the service is granted the secret. Its content is the three-line file, which
 * a step shows how to build from the two keys — never the keys themselves.
 */
import { listToMap } from "../../project/merge.js";
import { credentialsFileFor, type CredentialsFile } from "../../secrets/file-capable.js";
import { toSecretName, valueVariableFor } from "../../secrets/naming.js";
import type { TransformContext } from "../types.js";
import { declaration, isDeclared, planGrant, type Target } from "./grants.js";
import type { Leftover } from "./manual.js";
import { addDropped, at, type RunLog } from "./run-log.js";
import { identityOf } from "./values.js";

type SecretItem = Extract<Leftover, { kind: "secret" }>;

export interface CredentialsSettings {
  target: Target;
  version: number;
  secretsDir: string;
}

/** The two key entries, when both can leave the environment of this one file together. */
function keyPair(ctx: TransformContext, items: readonly Leftover[], file: CredentialsFile): [SecretItem, SecretItem] | undefined {
  const find = (name: string) => items.find((i): i is SecretItem => i.kind === "secret" && i.use.entry.name === name && !i.reason);
  const access = find(file.accessKey);
  const secret = find(file.secretKey);
  if (!access || !secret || access.use.doc !== secret.use.doc) return undefined;
  for (const item of [access, secret]) {
    const use = item.use;
    const envPath = use.entry.path.slice(0, -1);
    if (use.entry.sharedVia || use.definitions.length > 1 || !ctx.project.isEditable(use.doc)) return undefined;
    if (use.doc.anchorsAt(envPath).length > 0 || use.doc.hasMergeKey(envPath)) return undefined;
    if (use.value.kind === "reference" && use.value.optional) return undefined;
  }
  return [access, secret];
}

/** A free secret name for the file: `<service>_aws_credentials`, numbered if taken. */
function freeName(ctx: TransformContext, service: string, taken: ReadonlySet<string>): string {
  const base = toSecretName(`${service}_aws_credentials`);
  let name = base;
  for (let n = 2; taken.has(name) || isDeclared(ctx.project, name); n++) name = `${base}_${n}`;
  return name;
}

/** Move each eligible service's key pair into a credentials-file secret, taking the pair out of the leftovers. */
export function applyCredentialsFiles(ctx: TransformContext, names: ReadonlyMap<string, string>, settings: CredentialsSettings, log: RunLog): void {
  const taken = new Set(names.values());
  for (const [service, items] of [...log.leftovers]) {
    const def = ctx.project.service(service);
    const file = def?.build === undefined ? credentialsFileFor(typeof def?.image === "string" ? def.image : undefined) : undefined;
    if (!file) continue;
    const env = listToMap(def?.environment);
    if (file.fileVariable in env || "AWS_ACCESS_KEY_ID" in env) continue;
    const pair = keyPair(ctx, items, file);
    if (!pair) continue;
    const [access, secretKey] = pair;
    const doc = access.use.doc;
    const secret = freeName(ctx, service, taken);
    const grant = planGrant(ctx.project, doc, service, secret, new Set([service]));
    if (grant.kind === "refuse") continue;
    taken.add(secret);
    if (grant.kind === "edit") grant.apply();
    if (!isDeclared(ctx.project, secret)) doc.set(["secrets", secret], declaration(settings.target, secret, settings.version, settings.secretsDir));
    doc.renameEnv(service, file.accessKey, file.fileVariable, grant.mount);
    doc.deleteEnv(service, file.secretKey);
    log.edited = true;
    const variable = valueVariableFor(secret);
    log.variables.set(secret, variable);
    log.leftovers.set(
      service,
      items.filter((i) => i !== access && i !== secretKey),
    );
    if (log.leftovers.get(service)!.length === 0) log.leftovers.delete(service);
    for (const item of pair) {
      if (item.use.value.kind === "literal") addDropped(log, identityOf(item.use.value), { kind: "literal", text: item.use.value.text, now: { secret } }, [item.use]);
    }
    reportCredentialsFile(ctx, service, file, secret, variable, pair);
  }
}

/** The deploy variable a key came from, for the step that builds the file. */
function source(item: SecretItem): string {
  const v = item.use.value;
  return v.kind === "literal" ? `<the ${item.use.entry.name} value>` : `$${v.variable}`;
}

function reportCredentialsFile(ctx: TransformContext, service: string, file: CredentialsFile, secret: string, variable: string, pair: [SecretItem, SecretItem]): void {
  const [access, secretKey] = pair;
  ctx.change(`services.${service}: ${file.accessKey} and ${file.secretKey} → ${file.fileVariable}=/run/secrets/${secret}, an AWS credentials file read from secret ${secret}`, at(access.use));
  const build = `printf '[default]\\naws_access_key_id = %s\\naws_secret_access_key = %s\\n' "${source(access)}" "${source(secretKey)}"`;
  ctx.manual(
    `services.${service} reads its S3 keys from an AWS credentials file now (with both key variables empty, it falls back to the AWS SDK's default chain, which reads ${file.fileVariable}): secret ${secret} holds the file, so ${variable} must hold its three lines — export ${variable}="$(${build})" for the script, and store the same three lines as the GitHub secret ${variable}`,
    at(access.use),
  );
}
