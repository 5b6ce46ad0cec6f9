import { describe, expect, it } from "vitest";
import {
  classifyValue,
  hasUrlCredentials,
  isExcludedName,
  isLicenseKeyName,
  isNonSecretValue,
  isQuantitySetting,
  isSecretName,
  literalSecretsIn,
  parseReference,
  parseUrlCredentials,
} from "../../src/secrets/detect.js";

describe("isSecretName", () => {
  it.each([
    "POSTGRES_PASSWORD",
    "PGPASSWORD",
    "HASURA_GRAPHQL_ADMIN_SECRET",
    "AWS_SESSION_TOKEN",
    "STRIPE_API_KEY",
    "S3_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID",
    "SAML_IDP_PRIVATE_KEY",
    "AUTH_SMTP_PASS",
    "SENTRY_SYSTEM_SECRET_KEY",
    "SALT",
    "BACKUP_PASSPHRASE",
  ])("%s is a secret", (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    "POSTGRES_PASSWORD_FILE",
    "GF_SECURITY_ADMIN_PASSWORD__FILE",
    "AUTH_ACCESS_TOKEN_EXPIRES_IN",
    "JWT_SECRET_TTL",
    "LANGFUSE_INIT_PROJECT_PUBLIC_KEY",
    "PASSWORD_MIN_LENGTH",
    "SECRET_KEY_ROTATION_INTERVAL",
    "AUTH_PASSWORD_POLICY",
    "TOKEN_HEADER",
    "MINIO_ROOT_USER",
    "POSTGRES_HOST",
    "API_KEY_ENABLED",
  ])("%s is not a secret", (name) => expect(isSecretName(name)).toBe(false));

  it("matches exemption words whole, not inside other words", () => {
    // `_ID` must not exempt `_IDP_`, nor `_AGE` exempt `_AGENT_`.
    expect(isSecretName("OIDC_IDP_CLIENT_SECRET")).toBe(true);
    expect(isSecretName("AGENT_TOKEN")).toBe(true);
    expect(isSecretName("TOKEN_AGE")).toBe(false);
  });

  it("honours include and exclude rules", () => {
    expect(isSecretName("REDIS_AUTH")).toBe(false);
    expect(isSecretName("REDIS_AUTH", { include: ["auth"] })).toBe(true);
    expect(isSecretName("SMTP_PASSWORD", { exclude: ["smtp_password"] })).toBe(false);
    expect(isSecretName("SMTP_PASSWORD", { exclude: ["SMTP_"] })).toBe(false);
    expect(isExcludedName("DB_PASSWORD", { exclude: ["db_"] })).toBe(true);
    expect(isExcludedName("DB_PASSWORD", {})).toBe(false);
  });
});

describe("values", () => {
  it.each(["true", "FALSE", "0", "yes", "15m", "1h30m", "7d", "/certs/redis.key", "/run/secrets/db", ""])("%j is a setting, not a secret", (v) => {
    expect(isNonSecretValue(v)).toBe(true);
    expect(classifyValue(v)).toBeUndefined();
  });

  it.each(["s3cr3t", "/9j4AAQSkZJRgABAQ", "1d1d1d1d1d1d1d", "12345678"])("%j may be a secret", (v) => {
    expect(isNonSecretValue(v)).toBe(false);
    expect(classifyValue(v)?.kind).toBe("literal");
  });

  it("reads references with and without defaults", () => {
    expect(parseReference("${DB_PASSWORD}")).toEqual({ variable: "DB_PASSWORD" });
    expect(parseReference("$DB_PASSWORD")).toEqual({ variable: "DB_PASSWORD" });
    expect(parseReference("${DB_PASSWORD:-changeme}")).toEqual({ variable: "DB_PASSWORD", operator: ":-", argument: "changeme" });
    expect(parseReference("${DB_PASSWORD?required}")).toEqual({ variable: "DB_PASSWORD", operator: "?", argument: "required" });
    expect(parseReference("x${DB_PASSWORD}")).toBeUndefined();
    expect(classifyValue("${DB_PASSWORD:-changeme}")).toEqual({ kind: "reference", variable: "DB_PASSWORD", defaultValue: "changeme" });
    // A default that is a setting makes the whole value a setting.
    expect(classifyValue("${FEATURE_TOKEN_ENABLED:-false}")).toBeUndefined();
  });
});

describe("quantities, license keys and composites (issues #16, #17)", () => {
  it.each([
    ["OPENAI_MAX_TOKENS", "30"],
    ["PASSWORDMINCHAR", "8"],
    ["JWT__REFRESHTOKENEXPIRATIONDAYS", "30"],
    ["AUTH_TOKEN_TTL_MINUTES", "15"],
    ["SESSION_SECRET_MAX_AGE", "3600s"],
    ["REDIS_PASSWORD_TIMEOUT_MS", "500"],
    ["ACCESSTOKENTTL", "900"],
    ["SMTP_PASSWORD_PORT", "587"],
  ])("%s: %s is a setting", (name, value) => {
    expect(isQuantitySetting(name, value)).toBe(true);
    expect(classifyValue(value, name)).toBeUndefined();
    expect(literalSecretsIn(name, value)).toEqual([]);
  });

  it.each([
    ["DB_PASSWORD", "12345678"],
    ["AUTH_TOKENS", "your_token_here"],
    ["OPENAI_MAX_TOKENS", "sk-live-abc"],
    // A quantity word must stand as a word: PORT, MS and TTL inside other words do not count.
    ["PORTAINER_ADMIN_PASSWORD", "84736251"],
    ["MSSQL_SA_PASSWORD", "93847561"],
    ["SHUTTLE_API_KEY", "987654321"],
  ])("%s: %s stays a secret (a number is still a password; a word is not a quantity)", (name, value) => {
    expect(classifyValue(value, name)?.kind).toBe("literal");
  });

  it("treats LICENSE_KEY as a license, not a secret, unless included", () => {
    expect(isSecretName("NEW_RELIC_LICENSE_KEY")).toBe(false);
    expect(isLicenseKeyName("NEW_RELIC_LICENSE_KEY")).toBe(true);
    expect(isLicenseKeyName("LICENSE_KEY", { include: ["LICENSE_KEY"] })).toBe(false);
    expect(isSecretName("LICENSE_KEY", { include: ["LICENSE_KEY"] })).toBe(true);
    // Masked all the same: a value that might be private is never printed.
    expect(literalSecretsIn("LICENSE_KEY", "lic-123-abc")).toEqual(["lic-123-abc"]);
  });

  it("reads text around references as a composite, never as a literal", () => {
    expect(classifyValue('{"type":"HS256","key":"${JWT_SECRET_KEY}"}')).toEqual({ kind: "composite", variable: "JWT_SECRET_KEY" });
    expect(classifyValue("${A}${B}")).toEqual({ kind: "composite", variable: "A", referencesOnly: true });
    expect(classifyValue('{"key":"${JWT_KEY:-dev-only-key}"}')).toEqual({ kind: "composite", variable: "JWT_KEY", defaultValue: "dev-only-key" });
    // `$$` is an escaped dollar: no reference, so the text is literal.
    expect(classifyValue("pa$$word")?.kind).toBe("literal");
    // The text around a reference is still masked: it may hold part of a secret.
    expect(literalSecretsIn("API_TOKEN", "Bearer tok_${X}")).toEqual(["Bearer tok_${X}"]);
    expect(literalSecretsIn("API_TOKEN", "${A}${B}")).toEqual([]);
  });
});

describe("URLs with credentials", () => {
  it("splits user and password, keeping interpolations whole", () => {
    expect(parseUrlCredentials("postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/busflow")).toEqual({
      scheme: "postgres",
      user: "postgres",
      password: "${POSTGRES_PASSWORD}",
      rest: "postgres:5432/busflow",
    });
    expect(parseUrlCredentials("postgres://${DB_USER:-app}:${DB_PW:-x@y}@db/app")?.password).toBe("${DB_PW:-x@y}");
    expect(parseUrlCredentials("postgres://db:5432/app")).toBeUndefined();
    expect(parseUrlCredentials("http://user@host/")).toBeUndefined();
    expect(parseUrlCredentials("https://host/path@x:y")).toBeUndefined();
  });

  it("finds them directly and inside a reference's default", () => {
    expect(hasUrlCredentials("postgres://u:pw@db/x")).toBe(true);
    expect(hasUrlCredentials("${DATABASE_URL:-postgresql://postgres:postgres@postgres:5432/postgres}")).toBe(true);
    expect(hasUrlCredentials("${DATABASE_URL}")).toBe(false);
    expect(classifyValue("${DATABASE_URL:-postgresql://u:pw@db/x}")).toMatchObject({ kind: "reference", urlPassword: "pw" });
  });
});

describe("literalSecretsIn", () => {
  it("returns literal values, literal defaults and URL passwords, never references", () => {
    expect(literalSecretsIn("DB_PASSWORD", "hunter22")).toEqual(["hunter22"]);
    expect(literalSecretsIn("DB_PASSWORD", "${DB_PASSWORD}")).toEqual([]);
    expect(literalSecretsIn("DB_PASSWORD", "${DB_PASSWORD:-fallback-pw}")).toEqual(["fallback-pw"]);
    expect(literalSecretsIn("DATABASE_URL", "postgres://u:url-pw@db/x")).toEqual(["url-pw"]);
    expect(literalSecretsIn("DATABASE_URL", "postgres://u:${PW}@db/x")).toEqual([]);
    expect(literalSecretsIn("DATABASE_URL", "postgres://u:${PW:-inner-pw}@db/x")).toEqual(["inner-pw"]);
    expect(literalSecretsIn("DATABASE_URL", "${DATABASE_URL:-postgres://u:default-pw@db/x}")).toEqual(["default-pw"]);
    expect(literalSecretsIn("LOG_LEVEL", "debug")).toEqual([]);
  });
});
