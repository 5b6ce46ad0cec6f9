/**
 * Which environment variables hold secrets. Detection is by name, with exemptions for names
 * that merely mention a secret (`*_FILE`, `*_EXPIRE_MINUTES`, `*_ENABLED`) and for values
 * that cannot be secrets (booleans, empty). The same rules drive `env-to-secrets`, the
 * `gate/plaintext-secret` check and the masking of every output, so a value compose-gate
 * calls a secret is never printed anywhere.
 */

export interface SecretRules {
  /** Extra name fragments that mark a secret (case-insensitive substrings). */
  include?: string[];
  /** Names (exact, case-insensitive) or fragments to never treat as secrets. */
  exclude?: string[];
}

const SECRET_FRAGMENTS = [
  "PASSWORD",
  "PASSWD",
  "SECRET",
  "TOKEN",
  "API_KEY",
  "APIKEY",
  "ACCESS_KEY",
  "PRIVATE_KEY",
  "ENCRYPTION_KEY",
  "SIGNING_KEY",
  "AUTH_KEY",
  "MASTER_KEY",
  "CREDENTIAL",
  "PASSPHRASE",
  "SALT",
];
const SECRET_SUFFIXES = ["_PASS", "_PWD", "_DSN", "_KEY"];
const NOT_SECRET_FRAGMENTS = [
  "EXPIRE",
  "EXPIRY",
  "EXPIRES",
  "TTL",
  "TIMEOUT",
  "LENGTH",
  "ROTATION",
  "_ENABLED",
  "_ENABLE",
  "_DISABLED",
  "_DISABLE",
  "_REQUIRED",
  "_POLICY",
  "_ALGORITHM",
  "_TYPE",
  "_PATH",
  "_DIR",
  "_HEADER",
  "_NAME",
  "_ID",
  "_USER",
  "_USERNAME",
  "_HOST",
  "_PORT",
  "_URL",
  "_URI",
  "_ENDPOINT",
  "_REGION",
  "_BUCKET",
  "_PREFIX",
  "_METHOD",
  "_FIELD",
  "_LIFETIME",
  "_AGE",
  "_COOKIE_NAME",
  "PUBLIC_KEY",
  "_PUBLIC",
];
const BOOLEAN_LIKE = /^(true|false|yes|no|on|off|0|1|y|n)$/i;

/** True when the variable's name says it carries a secret. */
export function isSecretName(name: string, rules: SecretRules = {}): boolean {
  const upper = name.toUpperCase();
  if (upper.endsWith("_FILE")) return false;
  const excluded = (rules.exclude ?? []).map((e) => e.toUpperCase());
  if (excluded.some((e) => upper === e || upper.includes(e))) return false;
  const extra = (rules.include ?? []).map((e) => e.toUpperCase());
  if (extra.some((e) => upper.includes(e))) return true;
  const named = SECRET_FRAGMENTS.some((f) => upper.includes(f)) || SECRET_SUFFIXES.some((s) => upper.endsWith(s));
  if (!named) return false;
  // `AWS_ACCESS_KEY_ID` is an identifier that is still handled as a credential, like S3 keys.
  if (/ACCESS_KEY(_ID)?$/.test(upper)) return true;
  return !NOT_SECRET_FRAGMENTS.some((f) => upper.includes(f));
}

export type SecretValueKind =
  /** A literal value written in the file. */
  | "literal"
  /** A `${VAR}` reference (with an optional default): the value comes from the environment. */
  | "reference"
  /** A connection URL with a password inside (`postgres://u:${PW}@db/x`). */
  | "url";

export interface SecretValue {
  kind: SecretValueKind;
  /** The variable a bare reference points at (`${DB_PASSWORD}` → `DB_PASSWORD`). */
  variable?: string;
  /** A literal default inside `${VAR:-default}` (itself a plaintext secret). */
  defaultValue?: string;
  /** The password text inside a URL. */
  urlPassword?: string;
}

const BARE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/([^:/@\s]*):([^@\s]+)@/i;

/** Classify an environment value that sits under a secret-looking name (or holds a URL). */
export function classifyValue(value: string | null): SecretValue | undefined {
  if (value === null || value.trim() === "" || BOOLEAN_LIKE.test(value.trim())) return undefined;
  const url = URL_CREDENTIALS.exec(value);
  if (url) return { kind: "url", urlPassword: url[2] };
  const ref = BARE_REFERENCE.exec(value);
  if (ref) {
    const variable = ref[1] ?? ref[4];
    const op = ref[2];
    const fallback = op && op.endsWith("-") && ref[3] ? ref[3] : undefined;
    return { kind: "reference", variable, ...(fallback ? { defaultValue: fallback } : {}) };
  }
  return { kind: "literal" };
}

/** Does this value embed credentials in a URL (any variable name)? */
export function hasUrlCredentials(value: string | null): boolean {
  return value !== null && URL_CREDENTIALS.test(value);
}

/**
 * The literal secret text in one environment entry, for masking: the value of a secret-named
 * variable, the default of `${VAR:-default}`, and the password inside a connection URL.
 * References (`${VAR}`) are not secrets themselves and are not returned.
 */
export function literalSecretsIn(name: string, value: string | null, rules: SecretRules = {}): string[] {
  if (value === null) return [];
  const out: string[] = [];
  const url = URL_CREDENTIALS.exec(value);
  if (url && !/^\$\{?[A-Za-z_]/.test(url[2])) out.push(url[2]);
  if (isSecretName(name, rules)) {
    const c = classifyValue(value);
    if (c?.kind === "literal") out.push(value);
    if (c?.defaultValue) out.push(c.defaultValue);
  }
  return out.filter((s) => s.length > 0);
}
