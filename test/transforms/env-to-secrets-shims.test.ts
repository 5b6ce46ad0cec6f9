/**
 * env-to-secrets' entrypoint shims: for images that read no `*_FILE` variable but are known to
 * have /bin/sh and a known start, the variables move into a shim that reads /run/secrets and
 * `exec`s what the image would have run. Checked by example, by the real tools (shellcheck on
 * the shim's shell text, `docker stack config` on the output), and against the checks, which
 * must see the service as done.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runChecks } from "../../src/checks/index.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { shimExports } from "../../src/secrets/shim-format.js";
import transform from "../../src/transforms/env-to-secrets.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import type { FindingKind } from "../../src/transforms/types.js";
import { need, shellcheck, stackConfig } from "../support/tools.js";
import { visible, yaml } from "../_utils.js";

type Options = Record<string, unknown>;

function run(text: string, options: Options = {}): RunResult {
  return runTransforms([{ path: "compose.yml", text }], [transform], { options: { "env-to-secrets": { target: "swarm", ...options } } });
}
const out = (r: RunResult) => r.files[0].after;
const messages = (r: RunResult, kind?: FindingKind) => r.findings.filter((f) => !kind || f.kind === kind).map((f) => f.message);

function expectStable(r: RunResult, options: Options = {}): void {
  const again = run(out(r), options);
  expect(visible(out(again))).toBe(visible(out(r)));
  expect(again.findings.filter((f) => f.kind === "change")).toEqual([]);
}

/** The shim's script as the container's shell gets it: compose turns `$$` into `$`. */
function shellText(composeText: string, service: string): string {
  const entrypoint = (parse(composeText) as { services: Record<string, { entrypoint: string[] }> }).services[service].entrypoint;
  return entrypoint[2].replace(/\$\$/g, "$");
}

const HASURA = yaml`
  services:
    graphql:
      image: hasura/graphql-engine:v2.40.0
      environment:
        HASURA_GRAPHQL_DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD}@postgres:5432/app
        HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
        HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256","key":"\${JWT_SECRET_KEY}"}'
        HASURA_GRAPHQL_ENABLE_CONSOLE: "false"
`;

describe("entrypoint shims for images with /bin/sh and a known start", () => {
  it("moves Hasura's secrets, URL and JWT JSON into a shim that runs the image's own command", () => {
    const r = run(HASURA);
    expect(visible(out(r))).toBe(
      visible(yaml`
        services:
          graphql:
            image: hasura/graphql-engine:v2.40.0
            entrypoint:
              - /bin/sh
              - -c
              - |-
                set -e
                hasura_graphql_admin_secret="$$(cat /run/secrets/hasura_graphql_admin_secret)"
                postgres_password="$$(cat /run/secrets/postgres_password)"
                jwt_secret_key="$$(cat /run/secrets/jwt_secret_key)"
                HASURA_GRAPHQL_ADMIN_SECRET="$$hasura_graphql_admin_secret" # was $\${HASURA_GRAPHQL_ADMIN_SECRET}
                HASURA_GRAPHQL_DATABASE_URL="$$(printf '%s%s%s' 'postgres://postgres:' "$$postgres_password" '@postgres:5432/app')" # was postgres://postgres:$\${POSTGRES_PASSWORD}@postgres:5432/app
                HASURA_GRAPHQL_JWT_SECRET="$$(printf '%s%s%s' '{"type":"HS256","key":"' "$$jwt_secret_key" '"}')" # was {"type":"HS256","key":"$\${JWT_SECRET_KEY}"}
                export HASURA_GRAPHQL_ADMIN_SECRET HASURA_GRAPHQL_DATABASE_URL HASURA_GRAPHQL_JWT_SECRET
                exec "$$@"
              - secrets-shim
            command:
              - /bin/sh
              - -c
              - '"$\${HGE_BINARY}" serve'
            environment:
              HASURA_GRAPHQL_ENABLE_CONSOLE: "false"
            secrets:
              - hasura_graphql_admin_secret
              - postgres_password
              - jwt_secret_key
        secrets:
          hasura_graphql_admin_secret:
            external: true
          postgres_password:
            external: true
          jwt_secret_key:
            external: true
      `),
    );
    expect(messages(r, "change")).toContain("services.graphql: HASURA_GRAPHQL_JWT_SECRET → read from secret jwt_secret_key by the entrypoint shim");
    expect(messages(r, "manual").join("\n")).toContain("docker image inspect --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' hasura/graphql-engine:v2.40.0");
    // The script creates each secret from the variable its value came from.
    const script = r.extras.find((e) => e.path.endsWith("create-secrets.sh"))!.content;
    expect(script).toContain("create_secret jwt_secret_key JWT_SECRET_KEY");
    expect(script).toContain("create_secret postgres_password POSTGRES_PASSWORD");
    expectStable(r);
  });

  it("keeps the service's own command and runs the image's entrypoint before it", () => {
    const r = run(yaml`
      services:
        backup:
          image: eeshugerman/postgres-backup-s3:16
          command: ["sh", "backup.sh"]
          environment:
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
    `);
    expect(out(r)).toContain('command: ["sh", "backup.sh"]');
    expect(shellText(out(r), "backup")).toMatch(/\nexec "\$@"$/);
    expect(out(r)).not.toContain("run.sh");
    const manual = messages(r, "manual").join("\n");
    expect(manual).toContain(`docker exec <container> /bin/sh -c 'set -e; postgres_password="$(cat /run/secrets/postgres_password)"; POSTGRES_PASSWORD="$postgres_password"; export POSTGRES_PASSWORD; sh backup.sh'`);
    expect(manual).not.toContain("the shim ends by running");
    expectStable(r);
  });

  it("exec's a service's own entrypoint list, and adds no command the image's CMD would not run", () => {
    const r = run(yaml`
      services:
        graphql:
          image: hasura/graphql-engine:v2.40.0
          entrypoint: ["graphql-engine", "--database-url-env", "X"]
          environment:
            HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
    `);
    expect(shellText(out(r), "graphql")).toMatch(/\nexec graphql-engine --database-url-env X "\$@"$/);
    expect(out(r)).not.toContain("command:");
    expectStable(r);
  });

  it("extends its own shim when a later run finds another secret", () => {
    const first = out(run(HASURA));
    const more = first.replace('HASURA_GRAPHQL_ENABLE_CONSOLE: "false"', 'HASURA_GRAPHQL_ENABLE_CONSOLE: "false"\n      HASURA_GRAPHQL_METADATA_DATABASE_URL: postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/meta');
    const r = run(more);
    const shell = shellText(out(r), "graphql");
    expect(shell.match(/postgres_password="\$\(cat/g)).toHaveLength(1);
    expect(shell).toMatch(/\nHASURA_GRAPHQL_METADATA_DATABASE_URL=.*\nexport HASURA_GRAPHQL_METADATA_DATABASE_URL\nexec "\$@"$/);
    expect(out(r)).not.toContain("HASURA_GRAPHQL_METADATA_DATABASE_URL: postgres");
    expectStable(r);
  });

  it("reads a literal from a new secret and says to rotate it, never printing it", () => {
    const r = run(yaml`
      services:
        graphql:
          image: hasura/graphql-engine:v2.40.0
          environment:
            HASURA_GRAPHQL_ADMIN_SECRET: s3cret-admin-literal
    `);
    expect(out(r)).not.toContain("s3cret-admin-literal");
    expect(out(r)).toContain("# was a value written in the file");
    const step = messages(r, "manual").find((m) => m.startsWith("HASURA_GRAPHQL_ADMIN_SECRET (services.graphql)"))!;
    expect(step).toContain("it is now secret hasura_graphql_admin_secret: export HASURA_GRAPHQL_ADMIN_SECRET with that value");
    expect(step).toContain("rotate it: the old value is in git history");
    for (const m of messages(r)) expect(m).not.toContain("s3cret-admin-literal");
    expectStable(r);
  });

  it("leaves the service alone, saying why, where the shim cannot be added", () => {
    const cases: [string, string, Options][] = [
      [
        yaml`
          services:
            graphql:
              image: hasura/graphql-engine:v2.40.0
              entrypoint: /bin/sh -c "graphql-engine serve"
              environment:
                HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
        `,
        "compose-gate did not add its shim: it sets its own entrypoint as one string",
        {},
      ],
      [HASURA, "To move them: set option shims to known and run env-to-secrets again", { shims: "off" }],
      [
        yaml`
          x-env: &env
            HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
          services:
            graphql:
              image: hasura/graphql-engine:v2.40.0
              environment: *env
        `,
        "compose-gate did not add its shim",
        {},
      ],
    ];
    for (const [input, says, options] of cases) {
      const r = run(input, options);
      expect(visible(out(r))).toBe(visible(input));
      expect(messages(r, "manual").join("\n")).toContain(says);
    }
  });

  it("writes shell that shellcheck passes, warnings included", (ctx) => {
    need(ctx, "shellcheck");
    const text = out(run(HASURA));
    const result = shellcheck(`#!/bin/sh\n${shellText(text, "graphql")}\n`);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.ok).toBe(true);
  });

  it("gives Swarm a stack whose rendered shim holds no secret value", (ctx) => {
    need(ctx, "docker");
    const text = out(run(HASURA));
    const canaries = { POSTGRES_PASSWORD: "canary-pg-7c1", HASURA_GRAPHQL_ADMIN_SECRET: "canary-admin-7c1", JWT_SECRET_KEY: "canary-jwt-7c1" };
    const before = stackConfig({ "compose.yml": HASURA }, canaries);
    expect(before.ok, before.stderr).toBe(true);
    expect(before.stdout).toContain("canary-admin-7c1");
    const after = stackConfig({ "compose.yml": text }, canaries);
    expect(after.ok, after.stderr).toBe(true);
    for (const canary of Object.values(canaries)) expect(after.stdout).not.toContain(canary);
    // What Swarm runs: the shim with `$` for the shell, then the image's command.
    const service = (parse(after.stdout) as { services: Record<string, { entrypoint: string[]; command: string[] }> }).services.graphql;
    expect(service.entrypoint[2]).toContain('postgres_password="$(cat /run/secrets/postgres_password)"');
    expect(service.command).toEqual(["/bin/sh", "-c", '"${HGE_BINARY}" serve']);
  });

  it("leaves the checks nothing to report about the moved secrets", () => {
    const project = new Project([parseCompose(out(run(HASURA)), { filename: "compose.yml" })]);
    const findings = runChecks(project, { rules: ["gate/plaintext-secret", "security/secret-in-command"] }).findings;
    expect(findings.map((f) => f.message)).toEqual([]);
  });

  it("tells other transforms and checks which variables the shim exports, and what they were", () => {
    const doc = parseCompose(out(run(HASURA)));
    const exports = shimExports(doc.get(["services", "graphql", "entrypoint"]));
    expect(Object.fromEntries(exports)).toEqual({
      HASURA_GRAPHQL_ADMIN_SECRET: "${HASURA_GRAPHQL_ADMIN_SECRET}",
      HASURA_GRAPHQL_DATABASE_URL: "postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/app",
      HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256","key":"${JWT_SECRET_KEY}"}',
    });
  });
});

describe("an AWS credentials file for nhost storage, which has no shell", () => {
  const STORAGE = yaml`
    services:
      storage:
        image: nhost/storage:0.7.2
        command: serve
        environment:
          S3_ENDPOINT: https://fsn1.your-objectstorage.com
          S3_ACCESS_KEY: \${S3_ACCESS_KEY}
          S3_SECRET_KEY: \${S3_SECRET_KEY}
          S3_REGION: fsn1
  `;

  it("replaces the key pair by AWS_SHARED_CREDENTIALS_FILE and says how to build the file", () => {
    const r = run(STORAGE);
    expect(visible(out(r))).toBe(
      visible(yaml`
        services:
          storage:
            image: nhost/storage:0.7.2
            command: serve
            environment:
              S3_ENDPOINT: https://fsn1.your-objectstorage.com
              AWS_SHARED_CREDENTIALS_FILE: /run/secrets/storage_aws_credentials
              S3_REGION: fsn1
            secrets:
              - storage_aws_credentials
        secrets:
          storage_aws_credentials:
            external: true
      `),
    );
    const step = messages(r, "manual").find((m) => m.startsWith("services.storage reads its S3 keys"))!;
    expect(step).toContain(`export STORAGE_AWS_CREDENTIALS="$(printf '[default]\\naws_access_key_id = %s\\naws_secret_access_key = %s\\n' "$S3_ACCESS_KEY" "$S3_SECRET_KEY")"`);
    expectStable(r);
  });

  it("builds a file the AWS SDK reads: the step's printf, run by a shell, gives the shared-credentials format", () => {
    const step = messages(run(STORAGE), "manual").find((m) => m.startsWith("services.storage reads its S3 keys"))!;
    const command = /export STORAGE_AWS_CREDENTIALS="\$\((.*)\)" for the script/.exec(step)![1];
    const r = spawnSync("/bin/sh", ["-c", `printf '%s' "$(${command})"`], { env: { S3_ACCESS_KEY: "AKIA-canary", S3_SECRET_KEY: "s3cr3t canary" }, encoding: "utf8" });
    expect(r.stdout).toBe("[default]\naws_access_key_id = AKIA-canary\naws_secret_access_key = s3cr3t canary");
  });

  it("leaves storage images older than 0.5.0 alone (no fallback to the AWS chain there)", () => {
    const old = STORAGE.replace("nhost/storage:0.7.2", "nhost/hasura-storage:0.4.1");
    expect(out(run(old))).toBe(old);
  });
});
