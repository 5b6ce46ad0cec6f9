import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("gate/plaintext-secret", () => {
  it("errors on literal values and never prints them", () => {
    const text = yaml`
      services:
        functions:
          image: ghcr.io/busflow/functions:1.4.2
          environment:
            - NODE_ENV=production
            - WEBHOOK_SIGNING_SECRET=whsec_4f9a1c2e8b7d6a5f3e2d1c0b
            - DATABASE_URL=postgres://app:pa55word@db:5432/app
            - API_TOKEN=\${API_TOKEN:-tok_live_123456}
    `;
    const found = check(text, "gate/plaintext-secret");
    expect(lines(found)).toEqual([
      '6:9 error Service "functions": WEBHOOK_SIGNING_SECRET has a literal value in the file (readable in the repository and via docker inspect); move it to a Docker secret',
      '7:9 error Service "functions": DATABASE_URL embeds a literal password in a connection URL (readable in the repository and via docker inspect); move it to a Docker secret',
      '8:9 error Service "functions": API_TOKEN falls back to a literal default in ${API_TOKEN:-…} (readable in the repository and via docker inspect); move it to a Docker secret',
    ]);
    const all = JSON.stringify(found);
    for (const secret of ["whsec_4f9a1c2e8b7d6a5f3e2d1c0b", "pa55word", "tok_live_123456"]) expect(all).not.toContain(secret);
    expect(found.every((f) => f.fix === "env-to-secrets")).toBe(true);
  });

  it("warns on references, saying what the image can do", () => {
    const text = yaml`
      services:
        postgres:
          image: postgres:16.4
          environment:
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
        graphql:
          image: hasura/graphql-engine:v2.40.0
          environment:
            HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
        storage:
          image: nhost/storage:0.7.2
          environment:
            S3_SECRET_KEY: \${S3_SECRET_KEY}
        app:
          image: ghcr.io/busflow/app:2.0.0
          environment:
            STRIPE_SECRET_KEY:
    `;
    expect(lines(check(text, "gate/plaintext-secret"))).toEqual([
      '5:7 warning Service "postgres": POSTGRES_PASSWORD is set from ${POSTGRES_PASSWORD}, a plaintext environment variable visible via docker inspect; postgres:16.4 reads POSTGRES_PASSWORD_FILE, so it can come from a Docker secret',
      '9:7 warning Service "graphql": HASURA_GRAPHQL_ADMIN_SECRET is set from ${HASURA_GRAPHQL_ADMIN_SECRET}, a plaintext environment variable visible via docker inspect; hasura/graphql-engine:v2.40.0 reads no _FILE variable: env-to-secrets wraps its start in an entrypoint shim that reads it from /run/secrets, or suppress this finding with a reason',
      '13:7 warning Service "storage": S3_SECRET_KEY is set from ${S3_SECRET_KEY}, a plaintext environment variable visible via docker inspect; nhost/storage:0.7.2 reads no _FILE variable: the image has no shell for an entrypoint shim, so read it from /run/secrets in a derived image, or suppress this finding with a reason',
      "17:7 warning Service \"app\": STRIPE_SECRET_KEY is passed through from the deploying shell's environment, a plaintext environment variable visible via docker inspect; compose-gate does not know whether ghcr.io/busflow/app:2.0.0 can read STRIPE_SECRET_KEY from a file: if it reads STRIPE_SECRET_KEY_FILE, list the image in env-to-secrets' option fileCapableImages; otherwise read it from /run/secrets in a shim or a derived image, or suppress this finding with a reason",
    ]);
  });

  it("passes what env-to-secrets leaves behind: _FILE variables, shims, and non-secret settings", () => {
    const text = yaml`
      services:
        postgres:
          image: postgres:16.4
          environment:
            POSTGRES_USER: postgres
            POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
          secrets: [postgres_password]
        grafana:
          image: grafana/grafana:12.3.1
          environment:
            GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password
        graphql:
          image: hasura/graphql-engine:v2.40.0
          entrypoint: ["/bin/sh", "-c"]
          command: ['export HASURA_GRAPHQL_ADMIN_SECRET="$$(cat /run/secrets/hasura_admin_secret)"; exec graphql-engine serve']
          environment:
            HASURA_GRAPHQL_ENABLE_CONSOLE: "false"
            AUTH_ACCESS_TOKEN_EXPIRES_IN: 900
            HASURA_GRAPHQL_JWT_SECRET_ENABLED: "true"
      secrets:
        postgres_password:
          external: true
    `;
    expect(check(text, "gate/plaintext-secret")).toEqual([]);
  });

  it("points at the file and entry Docker takes the value from, anchors included", () => {
    const base = {
      name: "base.yml",
      text: yaml`
        x-db-env: &db-env
          DB_PASSWORD: \${DB_PASSWORD}
        services:
          api:
            image: ghcr.io/busflow/api:1.0.0
            environment:
              <<: *db-env
              SESSION_SECRET: \${SESSION_SECRET}
      `,
    };
    const prod = { name: "prod.yml", text: "services:\n  api:\n    environment:\n      SESSION_SECRET: s3ss10n-l1t3ral\n" };
    const found = check([base, prod], "gate/plaintext-secret");
    expect(found.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.service}`)).toEqual([
      "base.yml:2:3 warning api",
      "prod.yml:4:7 error api",
    ]);
  });

  it("follows the user's secret-name rules", () => {
    const text = "services:\n  app:\n    image: busybox:1.36\n    environment:\n      LICENSE_CODE: abc123def456\n      SESSION_SECRET: xyz789\n";
    expect(check(text, "gate/plaintext-secret", { secretRules: { include: ["LICENSE_CODE"], exclude: ["SESSION_SECRET"] } }).map((f) => f.line)).toEqual([5]);
  });

  it("reads values with the classifier env-to-secrets uses: composites, quantities and license keys", () => {
    const text = yaml`
      services:
        graphql:
          image: hasura/graphql-engine:v2.40.0
          environment:
            HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256","key":"\${JWT_SECRET_KEY}"}'
            OPENAI_MAX_TOKENS: 30
            PASSWORDMINCHAR: 8
            JWT__REFRESHTOKENEXPIRATIONDAYS: 30
            NEW_RELIC_LICENSE_KEY: eu01xx0123456789abcdef
            DB_PASSWORD: 12345678
    `;
    expect(lines(check(text, "gate/plaintext-secret"))).toEqual([
      '5:7 warning Service "graphql": HASURA_GRAPHQL_JWT_SECRET mixes text with ${JWT_SECRET_KEY}, a plaintext environment variable visible via docker inspect; hasura/graphql-engine:v2.40.0 reads no _FILE variable: env-to-secrets wraps its start in an entrypoint shim that reads it from /run/secrets, or suppress this finding with a reason',
      "9:7 info Service \"graphql\": NEW_RELIC_LICENSE_KEY has a literal value in the file; a license key usually identifies an account rather than granting access, but if this one is private, add NEW_RELIC_LICENSE_KEY to env-to-secrets' option include and move it to a Docker secret",
      '10:7 error Service "graphql": DB_PASSWORD has a literal value in the file (readable in the repository and via docker inspect); move it to a Docker secret',
    ]);
  });
});
