/**
 * Which environment variables hold secrets. Detection is by name, with exemptions for names
 * that merely mention a secret (`*_FILE`, `*_EXPIRES_IN`, `*_ENABLED`, `*_PUBLIC_KEY`), for
 * values that cannot be secrets (booleans, durations, file paths, empty), and for quantities
 * under names that count or measure something (`OPENAI_MAX_TOKENS: 30`). The same rules drive
 * `env-to-secrets`, the `gate/plaintext-secret` check and the masking of every output, so a
 * value compose-gate calls a secret is never printed anywhere.
 */
import { eachVariable } from "../interpolation/query.js";
import { tokenize, type Part } from "../interpolation/tokenize.js";

export interface SecretRules {
  /** Extra name fragments that mark a secret (case-insensitive substrings). */
  include?: string[];
  /** Names (exact, case-insensitive) or fragments to never treat as secrets. */
  exclude?: string[];
}

/** Substrings that make a name secret (`PGPASSWORD` and `DB_PASSWORD` alike). */
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

/**
 * Words (whole `_`-separated parts of the name) that say the variable describes a secret
 * rather than holding one. Matching whole parts keeps `SAML_IDP_PRIVATE_KEY` a secret even
 * though it contains `_ID`.
 */
const NOT_SECRET_WORDS = new Set([
  "TTL",
  "TIMEOUT",
  "LENGTH",
  "ROTATION",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "DISABLE",
  "REQUIRED",
  "POLICY",
  "ALGORITHM",
  "TYPE",
  "PATH",
  "DIR",
  "HEADER",
  "NAME",
  "ID",
  "USER",
  "USERNAME",
  "HOST",
  "PORT",
  "URL",
  "URI",
  "ENDPOINT",
  "REGION",
  "BUCKET",
  "PREFIX",
  "METHOD",
  "FIELD",
  "LIFETIME",
  "AGE",
  "PUBLIC",
  "INTERVAL",
  "DURATION",
  "SIZE",
  "LIMIT",
  "COUNT",
  "MODE",
  "FORMAT",
  "VERSION",
  "LEVEL",
]);
/** Word prefixes with the same meaning (`EXPIRE`, `EXPIRES`, `EXPIRY`, `EXPIRATION`). */
const NOT_SECRET_WORD_PREFIXES = ["EXPIR"];

/**
 * Name fragments (substrings, so `PASSWORDMINCHAR` and `JWT__REFRESHTOKENEXPIRATIONDAYS` match)
 * that make a variable a count, size, limit or lifetime of a secret rather than the secret,
 * when its value is a quantity too. Both halves are needed: `PASSWORD_TTL: 900` is a lifetime,
 * `DB_PASSWORD: 12345678` is still a password and `AUTH_TOKENS: abc` still a token. The list
 * follows compose-lint's corpus-derived quantity knobs (tmatens/compose-lint
 * src/compose_lint/rules/CL0020_credential_env_keys.py, `_QUANTITY_KEY_FRAGMENTS`).
 */
const QUANTITY_FRAGMENTS = [
  "TTL",
  "TIMEOUT",
  "EXPIRE",
  "EXPIRY",
  "EXPIRATION",
  "VALIDITY",
  "LIFETIME",
  "MAX_AGE",
  "MAXAGE",
  "ROTATION",
  "INTERVAL",
  "RETENTION",
  "DURATION",
  "_SECONDS",
  "_SECS",
  "_MINUTES",
  "_MINS",
  "_HOURS",
  "_DAYS",
  "_MS",
  "MIN_LENGTH",
  "MINLENGTH",
  "MAX_LENGTH",
  "MAXLENGTH",
  "MIN_CHAR",
  "MINCHAR",
  "_LIMIT",
  "_SIZE",
  "_COUNT",
  "REQUIREMENTS",
  "POLICY",
  "TOKENS",
  "_MAX_",
  "_MIN_",
  "_PORT",
];
/** A number, optionally with a duration unit: what a count, size or lifetime setting holds. */
const QUANTITY = /^\d+(\.\d+)?(ms|s|m|h|d|w|y)?$/i;

/** `OPENAI_MAX_TOKENS: 30`, `PASSWORDMINCHAR: 8`: a quantity under a name that counts or measures. */
export function isQuantitySetting(name: string, value: string): boolean {
  if (!QUANTITY.test(value.trim())) return false;
  const upper = `_${name.toUpperCase()}_`;
  return QUANTITY_FRAGMENTS.some((f) => upper.includes(wordBounded(f)));
}

/**
 * A fragment that starts a word (`_PORT`, `_MS`) must also end one, and `TTL` must end one:
 * otherwise `PORTAINER_ADMIN_PASSWORD`, `MSSQL_SA_PASSWORD` and `SHUTTLE_API_KEY` would read
 * as quantities and their numeric passwords as settings.
 */
function wordBounded(fragment: string): string {
  if (fragment.endsWith("_")) return fragment;
  return fragment.startsWith("_") || fragment === "TTL" ? `${fragment}_` : fragment;
}

/**
 * `LICENSE_KEY`, `NEW_RELIC_LICENSE_KEY`: a key that names a purchase or an account more often
 * than it grants access. Not converted or reported as a secret by default (env-to-secrets'
 * `include` makes it one); `gate/plaintext-secret` mentions a literal one as info, and output
 * masking hides its value all the same.
 */
export function isLicenseKeyName(name: string, rules: SecretRules = {}): boolean {
  return /(^|_)LICEN[CS]E_?KEY$/i.test(name) && !isExcludedName(name, rules) && !isSecretName(name, rules);
}

const BOOLEAN_LIKE = /^(true|false|yes|no|on|off|0|1|y|n)$/i;
/** Go/Prometheus-style durations (`15m`, `1h30m`, `7d`): settings, not secrets. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w|y))+$/;
/**
 * An absolute file path (`/certs/redis.key`, `/run/secrets/db`): where a key lives, not the
 * key. Only paths with a file extension or under a well-known directory count, so that a
 * base64 secret that happens to start with `/` is still a secret.
 */
const FILE_PATH = /^\/(?:[\w.-]+\/)*[\w-]+\.[A-Za-z0-9]{1,8}$|^\/(?:run|etc|var|usr|opt|tmp|home|certs|data|secrets|srv|mnt)(?:\/[\w.-]+)+$/;

function words(upper: string): string[] {
  return upper.split(/_+/).filter((w) => w.length > 0);
}

/** True when the rules' `exclude` list names this variable (exactly or by a fragment). */
export function isExcludedName(name: string, rules: SecretRules = {}): boolean {
  const upper = name.toUpperCase();
  return (rules.exclude ?? []).some((e) => upper === e.toUpperCase() || upper.includes(e.toUpperCase()));
}

/**
 * Answers for the default rules, kept: masking, checks and transforms ask about the same names
 * many times per service. Bounded, so a long-lived process cannot grow it forever.
 */
const defaultAnswers = new Map<string, boolean>();
const MAX_ANSWERS = 8192;

/** True when the variable's name says it carries a secret. */
export function isSecretName(name: string, rules: SecretRules = {}): boolean {
  if (rules.include?.length || rules.exclude?.length) return secretName(name, rules);
  let answer = defaultAnswers.get(name);
  if (answer === undefined) {
    if (defaultAnswers.size >= MAX_ANSWERS) defaultAnswers.clear();
    defaultAnswers.set(name, (answer = secretName(name, rules)));
  }
  return answer;
}

function secretName(name: string, rules: SecretRules): boolean {
  const upper = name.toUpperCase();
  if (upper.endsWith("_FILE")) return false;
  if (isExcludedName(name, rules)) return false;
  const extra = (rules.include ?? []).map((e) => e.toUpperCase());
  if (extra.some((e) => upper.includes(e))) return true;
  const named = SECRET_FRAGMENTS.some((f) => upper.includes(f)) || SECRET_SUFFIXES.some((s) => upper.endsWith(s));
  if (!named || /(^|_)LICEN[CS]E_?KEY$/.test(upper)) return false;
  // `AWS_ACCESS_KEY_ID` is an identifier that is still handled as a credential, like S3 keys.
  if (/ACCESS_KEY(_ID)?$/.test(upper)) return true;
  return !words(upper).some((w) => NOT_SECRET_WORDS.has(w) || NOT_SECRET_WORD_PREFIXES.some((p) => w.startsWith(p)));
}

export type SecretValueKind =
  /** A literal value written in the file. */
  | "literal"
  /** A `${VAR}` reference (with an optional default): the value comes from the environment. */
  | "reference"
  /** A connection URL with a password inside (`postgres://u:${PW}@db/x`). */
  | "url"
  /**
   * Text around `${…}` references (`{"key":"${JWT_KEY}"}`, `Bearer ${TOKEN}`, `${A}${B}`): the
   * secret part comes from the environment, so the value is not a literal secret. It is not
   * one value env-to-secrets can move either: the text has to be split first.
   */
  | "composite";

export interface SecretValue {
  kind: SecretValueKind;
  /** The variable a bare reference points at (`${DB_PASSWORD}` → `DB_PASSWORD`); a composite's first one. */
  variable?: string;
  /** A literal default inside `${VAR:-default}` (itself a plaintext secret), also inside a composite. */
  defaultValue?: string;
  /** The password text inside a URL (the value's, or its default's for a reference). */
  urlPassword?: string;
  /** The URL itself, when the value or its default is one with a password. */
  url?: UrlCredentials;
  /** A composite with no text of its own (`${A}${B}`, `${A}:${B}`): nothing but references. */
  referencesOnly?: boolean;
}

export interface Reference {
  variable: string;
  /** `:-`, `-`, `:?`, `?` or undefined for `${VAR}` / `$VAR`. */
  operator?: string;
  /** The text after the operator: the default for `-`/`:-`, the error message for `?`/`:?`. */
  argument?: string;
}

const BARE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/;

/** `${VAR}`, `${VAR:-default}`, `${VAR?err}`, `$VAR` as a whole value; undefined otherwise. */
export function parseReference(value: string): Reference | undefined {
  const ref = BARE_REFERENCE.exec(value);
  if (!ref) return undefined;
  const variable = ref[1] ?? ref[4];
  return { variable, ...(ref[2] ? { operator: ref[2], argument: ref[3] } : {}) };
}

/** The default a reference falls back to (`${VAR:-x}`, `${VAR-x}`), when it has a non-empty one. */
export function referenceDefault(ref: Reference): string | undefined {
  return ref.operator?.endsWith("-") && ref.argument ? ref.argument : undefined;
}

export interface UrlCredentials {
  /** `postgres` in `postgres://…`. */
  scheme: string;
  user: string;
  password: string;
  /** Everything after the `@` (host, port, path, query). */
  rest: string;
}

/**
 * The user and password of `scheme://user:password@host/…`. Interpolations are kept whole, so
 * `${DB_USER:-app}` (which contains a colon) is read as the user, not split in two.
 */
export function parseUrlCredentials(value: string): UrlCredentials | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (!scheme) return undefined;
  const start = scheme[0].length;
  let depth = 0;
  let colon = -1;
  for (let i = start; i < value.length; i++) {
    const c = value[i];
    if (c === "$" && value[i + 1] === "{") {
      depth++;
      i++;
    } else if (c === "}" && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (c === ":" && colon < 0) colon = i;
    else if (c === "@") {
      if (colon < 0 || i === colon + 1) return undefined;
      return { scheme: scheme[1], user: value.slice(start, colon), password: value.slice(colon + 1, i), rest: value.slice(i + 1) };
    } else if (c === "/" || c === "?" || c === "#" || /\s/.test(c)) return undefined;
  }
  return undefined;
}

/** The URL with credentials in a value: the value itself, or the default of `${VAR:-url}`. */
function credentialsIn(value: string): UrlCredentials | undefined {
  // Both forms need a `scheme://` in the value; most values have none.
  if (!value.includes("://")) return undefined;
  const direct = parseUrlCredentials(value);
  if (direct) return direct;
  const ref = parseReference(value);
  const fallback = ref ? referenceDefault(ref) : undefined;
  return fallback ? parseUrlCredentials(fallback) : undefined;
}

/**
 * True for values that are settings whatever the name says: booleans, durations, file paths;
 * with the variable's `name`, also a quantity under a name that counts or measures
 * (`isQuantitySetting`).
 */
export function isNonSecretValue(value: string, name?: string): boolean {
  const v = value.trim();
  if (v === "" || BOOLEAN_LIKE.test(v) || (v.length <= 12 && DURATION.test(v)) || FILE_PATH.test(v)) return true;
  return name !== undefined && isQuantitySetting(name, v);
}

const hasText = (parts: readonly Part[]) => parts.some((p) => p.kind === "text" && /[A-Za-z0-9]/.test(p.text));

/** A value with references and something else: which variables, and a literal default if one has it. */
function composite(value: string): SecretValue | undefined {
  if (!value.includes("$")) return undefined;
  const { parts } = tokenize(value);
  let variable: string | undefined;
  let defaultValue: string | undefined;
  eachVariable(parts, (v) => {
    variable ??= v.name;
    if ((v.operator === "-" || v.operator === ":-") && hasText(v.argument ?? [])) defaultValue ??= v.argument!.map((p) => p.raw).join("");
  });
  if (variable === undefined) return undefined;
  return { kind: "composite", variable, ...(defaultValue !== undefined ? { defaultValue } : {}), ...(hasText(parts) ? {} : { referencesOnly: true }) };
}

/**
 * Classify an environment value that sits under a secret-looking name (or holds a URL): the
 * one classifier `check`, `env-to-secrets` and masking share. `name`, when given, lets a
 * quantity under a counting name (`OPENAI_MAX_TOKENS: 30`) count as a setting. Undefined for
 * a setting (not a secret at all) and for a bare `KEY` (null).
 */
export function classifyValue(value: string | null, name?: string): SecretValue | undefined {
  if (value === null || isNonSecretValue(value, name)) return undefined;
  const direct = parseUrlCredentials(value);
  if (direct) return { kind: "url", urlPassword: direct.password, url: direct };
  const ref = parseReference(value);
  if (ref) {
    const fallback = referenceDefault(ref);
    if (fallback !== undefined && isNonSecretValue(fallback, name)) return undefined;
    const url = fallback ? parseUrlCredentials(fallback) : undefined;
    return {
      kind: "reference",
      variable: ref.variable,
      ...(fallback ? { defaultValue: fallback } : {}),
      ...(url ? { urlPassword: url.password, url } : {}),
    };
  }
  return composite(value) ?? { kind: "literal" };
}

/** Does this value embed credentials in a URL (any variable name), directly or as a default? */
export function hasUrlCredentials(value: string | null): boolean {
  return value !== null && credentialsIn(value) !== undefined;
}

/** The literal text of a URL password: the password itself, or the default of `${PW:-default}`. */
function literalPassword(url: UrlCredentials): string | undefined {
  const ref = parseReference(url.password);
  return ref ? referenceDefault(ref) : url.password;
}

/**
 * The literal secret text in one environment entry, for masking: the value of a secret-named
 * variable, the default of `${VAR:-default}`, and the password inside a connection URL (also
 * inside a default). References (`${VAR}`) are not secrets themselves and are not returned.
 */
export function literalSecretsIn(name: string, value: string | null, rules: SecretRules = {}): string[] {
  if (value === null) return [];
  const out: string[] = [];
  const url = credentialsIn(value);
  const password = url ? literalPassword(url) : undefined;
  if (password) out.push(password);
  if (isSecretName(name, rules) || isLicenseKeyName(name, rules)) {
    const c = classifyValue(value, name);
    // A composite is not reported as a literal secret, but the text around its references
    // may still be one (`Bearer tok_live_…${X}`): masking keeps hiding it.
    if (c?.kind === "literal" || (c?.kind === "composite" && !c.referencesOnly)) out.push(value);
    if (c?.defaultValue && !c.urlPassword) out.push(c.defaultValue);
  }
  return out.filter((s) => s.length > 0);
}
