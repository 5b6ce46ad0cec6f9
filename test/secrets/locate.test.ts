/**
 * Where secrets are written (`locateSecrets`): every place compose-gate must hide, as the text
 * that spells each secret, and nothing around it.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { locateSecrets, offsetsOf } from "../../src/secrets/locate.js";
import { yaml } from "../_utils.js";

/** The text of each hidden span, in file order. */
function hidden(text: string): string[] {
  return locateSecrets(parseCompose(text)).spans.map(([a, b]) => text.slice(a, b));
}

describe("locateSecrets", () => {
  it("environment in either form, with URL passwords and defaults, only the secret part", () => {
    const text = yaml`
      x-env: &env
        SHARED_SECRET: one-1
      services:
        app:
          image: app
          environment:
            <<: *env
            DB_PASSWORD: "two-2"
            DATABASE_URL: postgres://postgres:postgres@db/postgres
            API_TOKEN: \${API_TOKEN:-three-3}
            REPLICA_URL: \${R:-mysql://u:four-4@r/x}
            PLAIN: postgres
        worker:
          image: app
          environment:
            - "STRIPE_SECRET_KEY=five 5"
            - DSN_URL=redis://:six-6@cache:6379
            - TZ=UTC
    `;
    expect(hidden(text)).toEqual(["one-1", "two-2", "postgres", "three-3", "four-4", "five 5", "six-6"]);
    expect(hidden(text)[2]).toBe("postgres");
    expect(text.slice(locateSecrets(parseCompose(text)).spans[2][0] - 9)).toMatch(/^postgres:postgres@db/);
  });

  it("build args, labels, logging options and configs (#19 item 8)", () => {
    const text = yaml`
      services:
        app:
          image: app
          build:
            context: .
            args:
              NPM_TOKEN: a-111
          labels:
            - "com.example.api_token=b-222"
            - "com.example.team=web"
          logging:
            driver: splunk
            options:
              splunk-token: c-333
              splunk-url: https://splunk:8088
        app2:
          image: app
          build:
            context: .
            args: ["GITHUB_TOKEN=d-444"]
      configs:
        db_password:
          content: e-555
        app_env:
          content: |
            LOG_LEVEL=info
            export SMTP_PASSWORD="f-666"
            REDIS_PASSWORD: g-777
    `;
    expect(hidden(text)).toEqual(["a-111", "b-222", "c-333", "d-444", "e-555", "f-666", "g-777"]);
  });

  it("numbers and one-character values under a secret's name, spelled as written (#19 items 5, 8)", () => {
    const text = "services:\n  a:\n    image: x\n    environment:\n      JWT_SECRET: 0xCAFE\n      PIN_PASSWORD: 1.5e22\n      REDIS_PASSWORD: q\n";
    expect(hidden(text)).toEqual(["0xCAFE", "1.5e22", "q"]);
  });

  it("command lines: the word that passes the secret, in every form (#19 item 7)", () => {
    const text = yaml`
      services:
        a:
          image: redis
          command: sh -c "redis-server --requirepass 'pw one' --port 6379"
        b:
          image: mysql
          healthcheck:
            test: ["CMD-SHELL", "mysqladmin ping -h mysql -pmysql"]
        c:
          image: app
          entrypoint: ["app", "--password", "pw-three"]
        d:
          image: app
          command: |
            export DB_PASSWORD=pw-four
            exec app --db=postgres://u:pw-five@db/x
    `;
    expect(hidden(text)).toEqual(["pw one", "mysql", "pw-three", "pw-four", "pw-five"]);
    // `-h mysql` is the host, `-pmysql` the password: only the second is hidden.
    const spans = locateSecrets(parseCompose(text)).spans;
    expect(text.slice(spans[1][0] - 2, spans[1][1])).toBe("-pmysql");
  });

  it("escaped spellings: the whole scalar, and its spelling as a value to look for", () => {
    const text = "services:\n  a:\n    image: x\n    environment:\n      API_TOKEN: \"ab\\\\cd\\u0041\"\n      B_TOKEN: 'it''s-x'\n";
    const located = locateSecrets(parseCompose(text));
    expect(located.spans.map(([a, b]) => text.slice(a, b))).toEqual(["ab\\\\cd\\u0041", "it''s-x"]);
    expect(located.values).toEqual(expect.arrayContaining(["ab\\cdA", "ab\\\\cd\\u0041", "it's-x", "it''s-x"]));
  });

  it("a URL's password wherever the URL stands in a value, under any name", () => {
    const text = yaml`
      services:
        a:
          image: app
          environment:
            JDBC_URL: jdbc:postgresql://app:h-888@db/app
            NOTE: "mirror from https://u:i-999@old.example and https://\${U}:\${P}@new.example"
            BROKER: "\u2028amqp://u:j-000@mq"
            FROM_ENV: https://u:\${P:-k-111}@host
    `;
    expect(hidden(text)).toEqual(["h-888", "i-999", "j-000", "k-111"]);
  });

  it("references are not secrets", () => {
    expect(hidden("services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n    command: [\"--password\", \"$${PW}\"]\n")).toEqual([]);
  });
});

describe("offsetsOf", () => {
  it("finds a secret by the structure of its value", () => {
    expect(offsetsOf("postgres://postgres:postgres@postgres/postgres", "postgres")).toEqual([20]);
    expect(offsetsOf("${PW:-postgres}", "postgres")).toEqual([6]);
    expect(offsetsOf("${U:-postgres://u:p@postgres}", "postgres")).toEqual([5, 20]);
    expect(offsetsOf("postgres://u:${P:-postgres}@postgres", "postgres")).toEqual([18]);
    expect(offsetsOf("a-b-a", "a")).toEqual([0, 4]);
  });
});
