/**
 * The off-site target: a Cloudflare R2 bucket reached through `OFFSITE_S3_*` variables set in
 * the deploy environment (the names the Busflow gate uses). R2 facts, domain.md §5.5:
 * endpoint `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`, `.eu.`/`.us.` for jurisdictional
 * buckets, and region `auto` ("required by the SDK but not used by R2").
 */
export const VARS = {
  endpoint: "OFFSITE_S3_ENDPOINT",
  host: "OFFSITE_S3_HOST",
  bucket: "OFFSITE_S3_BUCKET",
  accessKeyId: "OFFSITE_S3_ACCESS_KEY_ID",
  secretAccessKey: "OFFSITE_S3_SECRET_ACCESS_KEY",
  prefix: "OFFSITE_S3_PREFIX",
  passphrase: "OFFSITE_BACKUP_PASSPHRASE",
} as const;

export interface R2Options {
  account: string;
  jurisdiction: "default" | "eu" | "us";
  region: string;
  prefix: string;
}

export const ref = (variable: string) => `\${${variable}}`;

/** `<account>[.eu|.us].r2.cloudflarestorage.com`, or undefined without an account id. */
export function r2Host(o: R2Options): string | undefined {
  if (!o.account) return undefined;
  const jurisdiction = o.jurisdiction === "default" ? "" : `.${o.jurisdiction}`;
  return `${o.account}${jurisdiction}.r2.cloudflarestorage.com`;
}

/** The endpoint URL: built from the account id when given, else left to `${OFFSITE_S3_ENDPOINT}`. */
export function endpointValue(o: R2Options): string {
  const host = r2Host(o);
  return host ? `https://${host}` : ref(VARS.endpoint);
}

/** The endpoint host without scheme (tiredofit's `DBnn_S3_HOST` takes no scheme, domain.md §5.3). */
export function hostValue(o: R2Options): string {
  return r2Host(o) ?? ref(VARS.host);
}

/** `${OFFSITE_S3_PREFIX:-postgres}`: a prefix is required by postgres-backup-s3 (domain.md §5.1). */
export function prefixValue(o: R2Options): string {
  return `\${${VARS.prefix}:-${o.prefix}}`;
}

/** The variables the operator must set, for the manual step. */
function variablesToSet(o: R2Options, usesHost: boolean, encrypt: boolean): string[] {
  const out: string[] = [];
  if (!o.account) out.push(usesHost ? `${VARS.host}=${exampleHost(o)}` : `${VARS.endpoint}=https://${exampleHost(o)}`);
  out.push(VARS.bucket, VARS.accessKeyId, VARS.secretAccessKey);
  if (encrypt) out.push(VARS.passphrase);
  out.push(`${VARS.prefix} (optional, default ${o.prefix})`);
  return out;
}

function exampleHost(o: R2Options): string {
  const jurisdiction = o.jurisdiction === "default" ? "" : `.${o.jurisdiction}`;
  return `<ACCOUNT_ID>${jurisdiction}.r2.cloudflarestorage.com`;
}

/** The R2 setup every wired or added backup needs, as one manual step. */
export function r2SetupStep(o: R2Options, usesHost: boolean, encrypt: boolean): string {
  const where = o.jurisdiction === "default" ? "" : ` in the ${o.jurisdiction.toUpperCase()} jurisdiction`;
  return (
    `create the Cloudflare R2 bucket${where} and an R2 API token (S3 access key id and secret) that may read and write it, ` +
    `then set ${variablesToSet(o, usesHost, encrypt).join(", ")} in the deploy environment (never in this file)`
  );
}

/** Is `value` one of our `OFFSITE_*` references (however it is spelled)? */
export function isOurReference(value: string | null, variable: string): boolean {
  if (!value) return false;
  return new RegExp(`^\\$\\{?${variable}(?:[:?-][^}]*)?\\}?$`).test(value.trim());
}
