import { describe, expect, it } from "vitest";
import {
  MAX_SECRET_NAME,
  mountPath,
  secretGrants,
  secretNameForEnv,
  secretReadBy,
  toSecretName,
  valueVariableFor,
  versionOf,
  versionedName,
} from "../../src/secrets/naming.js";

describe("secret names", () => {
  it("are lower snake case, valid for Docker", () => {
    expect(toSecretName("POSTGRES_PASSWORD")).toBe("postgres_password");
    expect(toSecretName("GF_SECURITY__ADMIN_PASSWORD")).toBe("gf_security_admin_password");
    expect(toSecretName("psql-pw")).toBe("psql_pw");
    expect(toSecretName("_LEADING")).toBe("leading");
    expect(toSecretName("***")).toBe("secret");
    const long = toSecretName("A".repeat(100));
    expect(long.length).toBeLessThanOrEqual(MAX_SECRET_NAME - 4);
    expect(versionedName(long, 12).length).toBeLessThanOrEqual(MAX_SECRET_NAME);
  });

  it("come from the referenced variable, else from the entry", () => {
    expect(secretNameForEnv("S3_SECRET_KEY", "${MINIO_ROOT_PASSWORD}")).toBe("minio_root_password");
    expect(secretNameForEnv("S3_SECRET_KEY", "${MINIO_ROOT_PASSWORD:-x}")).toBe("minio_root_password");
    expect(secretNameForEnv("WEBHOOK_SIGNING_SECRET", "whsec_abc")).toBe("webhook_signing_secret");
    expect(secretNameForEnv("SES_PASSWORD", null)).toBe("ses_password");
    expect(valueVariableFor("postgres_password")).toBe("POSTGRES_PASSWORD");
    expect(valueVariableFor("psql-pw")).toBe("PSQL_PW");
  });

  it("carry a rotation version without changing the mount", () => {
    expect(versionedName("postgres_password", 2)).toBe("postgres_password_v2");
    expect(versionOf("postgres_password", "postgres_password_v2")).toBe(2);
    expect(versionOf("postgres_password", "other_v2")).toBeUndefined();
    expect(versionOf("postgres_password", "postgres_password")).toBeUndefined();
    expect(mountPath("postgres_password")).toBe("/run/secrets/postgres_password");
  });
});

describe("secretReadBy", () => {
  it("finds the secret behind a _FILE variable through short and long grants", () => {
    expect(secretReadBy({ environment: { POSTGRES_PASSWORD_FILE: "/run/secrets/postgres_password" }, secrets: ["postgres_password"] }, "POSTGRES_PASSWORD")).toBe(
      "postgres_password",
    );
    expect(
      secretReadBy({ environment: ["POSTGRES_PASSWORD_FILE=/run/secrets/db"], secrets: [{ source: "pg_pw_v2", target: "db" }] }, "POSTGRES_PASSWORD"),
    ).toBe("pg_pw_v2");
    expect(secretReadBy({ environment: { GF_SECURITY_ADMIN_PASSWORD__FILE: "/run/secrets/grafana" }, secrets: ["grafana"] }, "GF_SECURITY_ADMIN_PASSWORD")).toBe(
      "grafana",
    );
    expect(secretReadBy({ environment: { POSTGRES_PASSWORD: "${PW}" } }, "POSTGRES_PASSWORD")).toBeUndefined();
    expect(secretReadBy({ environment: { POSTGRES_PASSWORD_FILE: "/run/secrets/x" }, secrets: ["y"] }, "POSTGRES_PASSWORD")).toBeUndefined();
    expect(secretReadBy(undefined, "POSTGRES_PASSWORD")).toBeUndefined();
  });

  it("lists grants with their targets", () => {
    expect(secretGrants({ secrets: ["a", { source: "b" }, { source: "c", target: "/etc/c" }, 3] })).toEqual([
      { source: "a", target: "a" },
      { source: "b", target: "b" },
      { source: "c", target: "/etc/c" },
    ]);
  });
});
