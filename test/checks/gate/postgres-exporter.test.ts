import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("gate/postgres-exporter", () => {
  it("reports a Postgres server without an exporter at its service key", () => {
    const text = "services:\n  postgres:\n    image: postgres:16.4\n  web:\n    image: nginx:1.27\n";
    const found = check(text, "gate/postgres-exporter");
    expect(lines(found)).toEqual(['2:3 error Postgres service "postgres" has no postgres_exporter, so its metrics reach no dashboard or alert']);
    expect(found[0].fix).toBe("postgres-exporter");
  });

  it("passes when an exporter serves it (DATA_SOURCE_URI, DATA_SOURCE_NAME, or no host named)", () => {
    const uri = yaml`
      services:
        postgres:
          image: postgres:16.4
        postgres-exporter:
          image: quay.io/prometheuscommunity/postgres-exporter:v0.20.1
          environment:
            DATA_SOURCE_URI: postgres:5432/postgres?sslmode=disable
            DATA_SOURCE_USER: postgres
            DATA_SOURCE_PASS_FILE: /run/secrets/postgres_password
    `;
    expect(check(uri, "gate/postgres-exporter")).toEqual([]);
    const name = uri.replace("DATA_SOURCE_URI: postgres:5432/postgres?sslmode=disable", "DATA_SOURCE_NAME: postgresql://postgres:${PW}@postgres:5432/postgres");
    expect(check(name, "gate/postgres-exporter")).toEqual([]);
    expect(check("services:\n  db:\n    image: postgres:16\n  pe:\n    image: wrouesnel/postgres_exporter:v0.8.0\n", "gate/postgres-exporter")).toEqual([]);
  });

  it("reports a server the only exporter does not point at", () => {
    const text = yaml`
      services:
        main-db:
          image: postgres:16.4
        audit-db:
          image: pgvector/pgvector:pg16
        exporter:
          image: quay.io/prometheuscommunity/postgres-exporter:v0.20.1
          environment:
            DATA_SOURCE_URI: main-db:5432/postgres
    `;
    expect(check(text, "gate/postgres-exporter").map((f) => `${f.line}:${f.column} ${f.service}`)).toEqual(["4:3 audit-db"]);
  });
});
