/**
 * env-to-secrets: behaviour by example (before/after), the no-leak guarantee with canary
 * values, the generated script run against a stand-in `docker`, and every corpus file run
 * through the transform and checked by `docker stack config`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderPatch, type FileChange } from "../../src/diff/index.js";
import { secretMasker } from "../../src/secrets/mask.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { runChecks } from "../../src/checks/index.js";
import { Project } from "../../src/project/project.js";
import { literalSecretsIn } from "../../src/secrets/detect.js";
import transform from "../../src/transforms/env-to-secrets.js";
import { runTransforms, type RunResult, type SourceFile } from "../../src/transforms/pipeline.js";
import type { FindingKind } from "../../src/transforms/types.js";
import { corpusFiles, visible, yaml } from "../_utils.js";

type Options = Record<string, unknown>;

/** Most cases show the Swarm form; `target` is left to the files only where a case says `auto`. */
function run(input: string | SourceFile[], options: Options = {}, editable?: string[]): RunResult {
  const files = typeof input === "string" ? [{ path: "compose.yml", text: input }] : input;
  return runTransforms(files, [transform], { options: { "env-to-secrets": { target: "swarm", ...options } }, editable });
}

const out = (r: RunResult, i = 0) => r.files[i].after;
const messages = (r: RunResult, kind?: FindingKind) => r.findings.filter((f) => !kind || f.kind === kind).map((f) => f.message);
const script = (r: RunResult) => r.extras.find((e) => e.path.endsWith("create-secrets.sh"));

/** Run, compare the output, and prove a second run changes nothing. */
function expectRun(before: string, after: string, options: Options = {}): RunResult {
  const r = run(before, options);
  expect(visible(out(r))).toBe(visible(after));
  const again = run(out(r), options);
  expect(visible(out(again))).toBe(visible(after));
  expect(again.extras).toEqual([]);
  return r;
}

function expectUnchanged(before: string, options: Options = {}): RunResult {
  const r = run(before, options);
  expect(visible(out(r))).toBe(visible(before));
  expect(r.extras).toEqual([]);
  return r;
}

// ---------------------------------------------------------------- docker stack config

const hasDocker = spawnSync("docker", ["--version"]).status === 0;
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "env-to-secrets-"));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;

/** `docker stack config` on `text` in a fresh directory, with no variables from this shell. */
function stackAccepts(text: string, name = "compose.yml"): boolean {
  const dir = path.join(tmpRoot, `stack-${tmpCount++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), text);
  const res = spawnSync("docker", ["stack", "config", "-c", name], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir } });
  return res.status === 0;
}

/** Accepted before ⇒ accepted after. */
function expectStackStillAccepts(before: string, after: string, name?: string): void {
  if (!hasDocker) return;
  if (stackAccepts(before, name)) expect(stackAccepts(after, name), `docker stack config rejects the output of ${name ?? "compose.yml"}`).toBe(true);
}

// ---------------------------------------------------------------- conversions

describe("converting to *_FILE where the image reads it", () => {
  it("renames the variable in place, grants the secret and declares it external", () => {
    const before = yaml`
      services:
        db:
          image: postgres:16.4
          environment:
            POSTGRES_USER: app
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD} # from CI
            POSTGRES_DB: app
          volumes:
            - pgdata:/var/lib/postgresql/data
      volumes:
        pgdata:
    `;
    const r = expectRun(
      before,
      yaml`
        services:
          db:
            image: postgres:16.4
            environment:
              POSTGRES_USER: app
              POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password # from CI
              POSTGRES_DB: app
            secrets:
              - postgres_password
            volumes:
              - pgdata:/var/lib/postgresql/data
        volumes:
          pgdata:
        secrets:
          postgres_password:
            external: true
      `,
    );
    expect(messages(r, "change")).toEqual([
      "services.db: POSTGRES_PASSWORD → POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password, read from secret postgres_password",
      "declared secret postgres_password (external)",
    ]);
    expect(r.findings[0].location).toEqual({ file: "compose.yml", line: 6, column: 7 });
    expect(script(r)?.mode).toBe(0o755);
    expectStackStillAccepts(before, out(r));
  });

  it("works on list environments and keeps the entry's line", () => {
    const r = expectRun(
      yaml`
        services:
          db:
            image: docker.io/library/mariadb:11
            environment:
              - MARIADB_DATABASE=app
              - MARIADB_ROOT_PASSWORD=\${DB_ROOT_PASSWORD:-changeme}
              - MARIADB_AUTO_UPGRADE=1
      `,
      yaml`
        services:
          db:
            image: docker.io/library/mariadb:11
            environment:
              - MARIADB_DATABASE=app
              - MARIADB_ROOT_PASSWORD_FILE=/run/secrets/db_root_password
              - MARIADB_AUTO_UPGRADE=1
            secrets:
              - db_root_password
        secrets:
          db_root_password:
            external: true
      `,
    );
    // The default was a plaintext secret: say it is gone and must be supplied.
    expect(messages(r, "manual").some((m) => m.includes("fell back to a default") && m.includes("export DB_ROOT_PASSWORD"))).toBe(true);
    expect(messages(r).join("\n")).not.toContain("changeme");
  });

  it("makes one secret of one variable used by several services", () => {
    const r = expectRun(
      yaml`
        services:
          postgres:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
          backup:
            image: prodrigestivill/postgres-backup-local:16
            environment:
              POSTGRES_HOST: postgres
              POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
      `,
      yaml`
        services:
          postgres:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
            secrets:
              - postgres_password
          backup:
            image: prodrigestivill/postgres-backup-local:16
            environment:
              POSTGRES_HOST: postgres
              POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
            secrets:
              - postgres_password
        secrets:
          postgres_password:
            external: true
      `,
    );
    expect(messages(r, "change").filter((m) => m.startsWith("declared"))).toEqual(["declared secret postgres_password (external)"]);
    expect(script(r)?.content.match(/create_secret postgres_password POSTGRES_PASSWORD/g)).toHaveLength(1);
  });

  it("gives different values that want the same name different secrets, deterministically", () => {
    const r = run(yaml`
      services:
        main:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: first-value-1
        reports:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: second-value-2
    `);
    expect(out(r)).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n");
    expect(out(r)).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/reports_postgres_password\n");
    expect(run(out(r)).files[0].after).toBe(out(r));
    // Both values were written in the file: each gets its own export-and-rotate step.
    expect(messages(r, "manual").filter((m) => m.includes("rotate it"))).toHaveLength(2);
  });

  it("treats a variable passed through from the shell (`KEY:` with no value) as that variable", () => {
    const r = run(yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD:
    `);
    expect(out(r)).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password");
    expect(script(r)?.content).toContain("create_secret postgres_password POSTGRES_PASSWORD");
  });

  it("also converts a variable whose value is a secret elsewhere in the stack", () => {
    const r = run(yaml`
      services:
        storage:
          image: nhost/storage:0.7.2
          environment:
            S3_ACCESS_KEY: \${MINIO_ROOT_USER}
        minio:
          image: minio/minio:RELEASE.2025-02-28T09-55-16Z
          environment:
            MINIO_ROOT_USER: \${MINIO_ROOT_USER}
    `);
    expect(out(r)).toContain("MINIO_ROOT_USER_FILE: /run/secrets/minio_root_user");
    expect(out(r)).toContain("S3_ACCESS_KEY: ${MINIO_ROOT_USER}");
  });

  it("uses Grafana's double-underscore __FILE", () => {
    const r = run(yaml`
      services:
        grafana:
          image: grafana/grafana:12.3.1
          environment:
            - GF_SECURITY_ADMIN_PASSWORD=\${GRAFANA_ADMIN_PASSWORD}
    `);
    expect(out(r)).toContain("- GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin_password");
  });

  it("treats images declared in fileCapableImages as reading <NAME>_FILE", () => {
    const before = yaml`
      services:
        functions:
          image: ghcr.io/busflow/functions:1.4.2
          environment:
            - NODE_ENV=production
            - STRIPE_SECRET_KEY=\${STRIPE_SECRET_KEY}
    `;
    expect(out(run(before))).toBe(before);
    const r = run(before, { fileCapableImages: ["ghcr.io/busflow/functions"] });
    expect(out(r)).toContain("- STRIPE_SECRET_KEY_FILE=/run/secrets/stripe_secret_key");
  });

  it("matches the long syntax of the service's existing grants", () => {
    expectRun(
      yaml`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: \${DB_PASSWORD}
            secrets:
              - source: tls_key
                target: server.key
      `,
      yaml`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            secrets:
              - source: tls_key
                target: server.key
              - source: db_password
        secrets:
          db_password:
            external: true
      `,
    );
  });

  it("reuses a secret that is already declared and granted, mounted where the grant says", () => {
    expectRun(
      yaml`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: \${DB_PASSWORD}
            secrets:
              - source: db_password
                target: pg
        secrets:
          db_password:
            file: ./db_password.txt
      `,
      yaml`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/pg
            secrets:
              - source: db_password
                target: pg
        secrets:
          db_password:
            file: ./db_password.txt
      `,
    );
  });

  it("inserts into flow-style collections", () => {
    const r = run(yaml`
      services:
        db: {image: "postgres:16", environment: {POSTGRES_PASSWORD: "\${DB_PASSWORD}"}}
    `);
    const doc = parseCompose(out(r));
    expect(doc.get(["services", "db", "environment"])).toEqual({ POSTGRES_PASSWORD_FILE: "/run/secrets/db_password" });
    expect(doc.get(["services", "db", "secrets"])).toEqual(["db_password"]);
    expect(run(out(r)).files[0].after).toBe(out(r));
  });
});

// ---------------------------------------------------------------- what stays

describe("what stays in place", () => {
  it("exempts *_FILE, booleans, durations, paths and descriptive names: nothing to do is byte-identical", () => {
    expectUnchanged(yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD_FILE: /run/secrets/db
            AUTH_ACCESS_TOKEN_EXPIRES_IN: 900
            SECRET_ROTATION_ENABLED: "true"
            SESSION_SECRET_TTL: 15m
            TLS_KEY: /certs/server.key
            PUBLIC_KEY: abc
    `);
  });

  it("honours exclude and include", () => {
    const before = yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: \${PW}
            POSTGRES_INITDB_ARGS: --auth=scram-sha-256
    `;
    expectUnchanged(before, { exclude: ["POSTGRES_PASSWORD"] });
    const r = run(before, { include: ["INITDB_ARGS"] });
    expect(out(r)).toContain("POSTGRES_INITDB_ARGS_FILE: /run/secrets/postgres_initdb_args");
  });

  it("states in two sentences why an image without a shell keeps its variables, and where the recipe is", () => {
    const r = expectUnchanged(yaml`
      services:
        storage:
          image: nhost/storage:0.7.2
          environment:
            S3_SECRET_KEY: \${S3_SECRET_KEY}
    `);
    const [step] = messages(r, "manual");
    expect(step).toContain("services.storage: S3_SECRET_KEY stays in plain environment");
    expect(step).toContain("hold no /bin/sh");
    expect(step).toContain('To move it: build a derived image whose entrypoint reads it from /run/secrets (docs/transforms/env-to-secrets.md, "Images without a shell")');
    expect(step.split(". ").length).toBeLessThanOrEqual(3);
  });

  it("points own images at the codemod and fileCapableImages", () => {
    const r = run(yaml`
      services:
        api:
          build: ./api
          environment:
            JWT_SECRET: \${JWT_SECRET}
    `);
    expect(messages(r, "manual")[0]).toContain("the service builds its own image, which is not known to read *_FILE variables. To move it: make the application read <NAME>_FILE");
    expect(messages(r, "manual")[0]).toContain("compose-gate codemod secrets --vars JWT_SECRET");
  });

  it("reports a composed value instead of guessing", () => {
    const r = expectUnchanged(yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: prefix-\${SUFFIX}
    `);
    expect(messages(r, "manual")[0]).toContain("POSTGRES_PASSWORD (its value mixes text with ${…})");
  });

  it("reads a JSON template and a counting setting the way check does (one classifier, issue #16 item 4)", () => {
    const text = yaml`
      services:
        graphql:
          image: hasura/graphql-engine:v2.40.0
          environment:
            HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256","key":"\${JWT_SECRET_KEY}"}'
            OPENAI_MAX_TOKENS: 30
    `;
    // Without shims, the composite stays where it is (with shims, the golden case shim-hasura).
    const r = expectUnchanged(text, { shims: "off" });
    expect(messages(r, "manual").join("\n")).toContain("HASURA_GRAPHQL_JWT_SECRET (its value mixes text with ${…})");
    expect(messages(r, "manual").join("\n")).not.toContain("OPENAI_MAX_TOKENS");
    const findings = runChecks(new Project([parseCompose(text, { filename: "compose.yml" })]), { rules: ["gate/plaintext-secret"] }).findings;
    expect(findings.map((f) => [f.severity, f.message.split(",")[0]])).toEqual([
      ["warning", 'Service "graphql": HASURA_GRAPHQL_JWT_SECRET mixes text with ${JWT_SECRET_KEY}'],
    ]);
  });

  it("leaves optional variables (empty default) alone: as secrets they would become required", () => {
    const r = expectUnchanged(yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-}
    `);
    expect(messages(r, "manual")[0]).toContain("services.db: POSTGRES_PASSWORD defaults to empty");
  });

  it("takes a literal out of the file for an unknown image, naming the commands that repeat it, without printing it", () => {
    const r = run(yaml`
      services:
        db:
          image: mcr.microsoft.com/azure-sql-edge:1.0.4
          environment:
            SA_PASSWORD: Str0ng-pass_123
          healthcheck:
            test: ["CMD-SHELL", "sqlcmd -S localhost -U sa -P Str0ng-pass_123 -Q 'SELECT 1'"]
    `);
    expect(out(r)).toContain("SA_PASSWORD: ${SA_PASSWORD}");
    const step = messages(r, "manual").find((m) => m.startsWith("SA_PASSWORD (services.db)"))!;
    expect(step).toContain("it now reads ${SA_PASSWORD}: set SA_PASSWORD where the stack is deployed, then rotate it: the old value is in git history");
    expect(step).toContain("the same text also appears in services.db.healthcheck");
    for (const m of messages(r)) expect(m).not.toContain("Str0ng-pass_123");
    // The step about what stays in the environment reads as it will on the next run, when the
    // file holds only ${SA_PASSWORD}: the gate checklist keeps steps by their text.
    const stays = messages(r, "manual").find((m) => m.startsWith("services.db: SA_PASSWORD stay"))!;
    expect(stays).toBeDefined();
    const again = run(out(r));
    expect(messages(again, "manual")).toContain(stays);
  });

  it("refuses when the service already sets the *_FILE variable too", () => {
    const r = expectUnchanged(yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: \${PW}
            POSTGRES_PASSWORD_FILE: /run/secrets/pw
    `);
    expect(messages(r, "refusal")[0]).toContain("sets both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE");
  });

  it("names the env_file it cannot read", () => {
    const r = expectUnchanged(yaml`
      services:
        app:
          image: app
          env_file: .env.production
    `);
    expect(messages(r, "manual")).toEqual([
      "services.app loads env_file .env.production, which compose-gate does not read: move secrets found there into Docker secrets the same way",
    ]);
  });
});

// ---------------------------------------------------------------- anchors

describe("anchors", () => {
  it("converts a map merged through <<: at the anchor and grants every service that uses it", () => {
    const before = yaml`
      x-db-env: &db-env
        POSTGRES_USER: app
        POSTGRES_PASSWORD: \${DB_PASSWORD}
      services:
        primary:
          image: postgres:16
          environment:
            <<: *db-env
            POSTGRES_DB: app
        replica:
          image: postgres:16
          environment:
            <<: *db-env
    `;
    const r = expectRun(
      before,
      yaml`
        x-db-env: &db-env
          POSTGRES_USER: app
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        services:
          primary:
            image: postgres:16
            environment:
              <<: *db-env
              POSTGRES_DB: app
            secrets:
              - db_password
          replica:
            image: postgres:16
            environment:
              <<: *db-env
            secrets:
              - db_password
        secrets:
          db_password:
            external: true
      `,
    );
    expect(messages(r, "change")[0]).toBe(
      "services.primary and services.replica (through anchor &db-env): POSTGRES_PASSWORD → POSTGRES_PASSWORD_FILE=/run/secrets/db_password, read from secret db_password",
    );
    expectStackStillAccepts(before, out(r));
  });

  it("converts a list environment shared with an alias, for both services", () => {
    expectRun(
      yaml`
        x-env: &env
          - POSTGRES_PASSWORD=\${DB_PASSWORD}
          - POSTGRES_USER=app
        services:
          a:
            image: postgres:16
            environment: *env
          b:
            image: postgres:16
            environment: *env
      `,
      yaml`
        x-env: &env
          - POSTGRES_PASSWORD_FILE=/run/secrets/db_password
          - POSTGRES_USER=app
        services:
          a:
            image: postgres:16
            environment: *env
            secrets:
              - db_password
          b:
            image: postgres:16
            environment: *env
            secrets:
              - db_password
        secrets:
          db_password:
            external: true
      `,
    );
  });

  it("grants through an anchored service that others merge whole", () => {
    expectRun(
      yaml`
        services:
          db: &db
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: \${DB_PASSWORD}
          db2:
            <<: *db
            command: postgres -c max_connections=50
      `,
      yaml`
        services:
          db: &db
            image: postgres:16
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            secrets:
              - db_password
          db2:
            <<: *db
            command: postgres -c max_connections=50
        secrets:
          db_password:
            external: true
      `,
    );
  });

  it("leaves a shared variable alone when one user's image cannot read the file, naming the anchor", () => {
    const r = expectUnchanged(yaml`
      x-env: &env
        POSTGRES_PASSWORD: \${DB_PASSWORD}
      services:
        db:
          image: postgres:16
          environment:
            <<: *env
        app:
          image: ghcr.io/acme/app:1
          environment:
            <<: *env
    `);
    const [db, app] = messages(r, "manual");
    expect(db).toContain("services.db: POSTGRES_PASSWORD stays in plain environment: it is shared through anchor &env with services.app, whose image cannot read a *_FILE variant");
    expect(db).toContain("write POSTGRES_PASSWORD in each service's own environment instead of anchor &env, then run env-to-secrets again");
    expect(app).toContain("services.app: POSTGRES_PASSWORD stays in plain environment: ghcr.io/acme/app:1 is not known to read *_FILE variables");
  });

  it("refuses where renaming would unmask a merged value or reach a service that overrides it", () => {
    const r = expectUnchanged(yaml`
      x-env: &env
        POSTGRES_PASSWORD: \${DB_PASSWORD}
      services:
        primary:
          image: postgres:16
          environment:
            <<: *env
        other:
          image: postgres:16
          environment:
            <<: *env
            POSTGRES_PASSWORD: \${OTHER_PASSWORD}
    `);
    expect(messages(r, "refusal")).toEqual([
      "services.primary: POSTGRES_PASSWORD not converted: it is written under anchor &env, which also reaches services.other; changing it there would change that service too",
      "services.other: POSTGRES_PASSWORD not converted: services.other would still get POSTGRES_PASSWORD through anchor &env after the rename, next to POSTGRES_PASSWORD_FILE; convert or remove that one first",
    ]);
  });
});

// ---------------------------------------------------------------- several files

describe("multi-file projects", () => {
  const base = yaml`
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: \${DB_PASSWORD}
  `;

  it("edits the override when the variable is set there only", () => {
    const override = yaml`
      services:
        cache:
          image: redis:7
        worker:
          image: prodrigestivill/postgres-backup-local:16
          environment:
            POSTGRES_PASSWORD: \${DB_PASSWORD}
    `;
    const r = run([
      { path: "base.yml", text: "services:\n  app:\n    image: app\n" },
      { path: "prod.yml", text: override },
    ]);
    expect(r.files[0].after).toBe(r.files[0].before);
    expect(r.files[1].after).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/db_password");
    expect(r.files[1].after).toContain("secrets:\n  db_password:\n    external: true\n");
  });

  it("refuses to edit a file it was not asked to change, naming file:line:col", () => {
    const r = run([
      { path: "base.yml", text: base },
      { path: "prod.yml", text: "services:\n  db:\n    deploy:\n      replicas: 1\n" },
    ]);
    expect(r.files.every((f) => f.after === f.before)).toBe(true);
    expect(messages(r, "refusal")[0]).toBe(
      "services.db: POSTGRES_PASSWORD not converted: POSTGRES_PASSWORD is written at base.yml:5:7, in a file compose-gate was not asked to change; allow that file to be edited, or move the variable into an editable file",
    );
  });

  it("refuses a variable set in two files", () => {
    const r = run(
      [
        { path: "base.yml", text: base },
        { path: "prod.yml", text: "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PROD_DB_PASSWORD}\n" },
      ],
      {},
      ["base.yml", "prod.yml"],
    );
    expect(r.files.every((f) => f.after === f.before)).toBe(true);
    expect(messages(r, "refusal")[0]).toContain("is set for services.db in base.yml:5:7 and prod.yml:4:7");
  });
});

// ---------------------------------------------------------------- options

describe("targets and versions", () => {
  const before = yaml`
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
  `;

  it("tells the target from the files when left to auto", () => {
    expect(out(run(before, { target: "auto" }))).toContain("    file: ./secrets/postgres_password\n");
    const swarm = `${before}    deploy:\n      replicas: 1\n      restart_policy:\n        condition: on-failure\n`;
    expect(out(run(swarm, { target: "auto" }))).toContain("  postgres_password:\n    external: true\n");
  });

  it("declares file: secrets for target compose", () => {
    const r = run(before, { target: "compose" });
    expect(out(r)).toContain("secrets:\n  postgres_password:\n    file: ./secrets/postgres_password\n");
    expect(messages(r, "manual").at(-1)).toContain("add secrets/ to .gitignore");
    expectStackStillAccepts(before, out(r));
  });

  it("names the Docker object <name>_vN and keeps the mount; a higher version rotates it", () => {
    const v1 = run(before, { version: 1 });
    expect(out(v1)).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password");
    expect(out(v1)).toContain("  postgres_password:\n    external: true\n    name: postgres_password_v1\n");
    expect(script(v1)?.content).toContain("create_secret postgres_password_v1 POSTGRES_PASSWORD");
    expect(out(run(out(v1), { version: 1 }))).toBe(out(v1));
    const v2 = run(out(v1), { version: 2 });
    expect(out(v2)).toContain("    name: postgres_password_v2\n");
    expect(out(v2)).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password");
    expect(messages(v2, "manual").some((m) => m.startsWith("rotate postgres_password: create postgres_password_v2") && m.includes("ALTER ROLE"))).toBe(true);
    expect(script(v2)?.content).toContain("create_secret postgres_password_v2 POSTGRES_PASSWORD");
    expectStackStillAccepts(before, out(v2));
  });

  it("does not version secrets it did not name with a version", () => {
    const external = yaml`
      services:
        db:
          image: postgres:16
          environment:
            - POSTGRES_PASSWORD_FILE=/run/secrets/psql-pw
          secrets:
            - psql-pw
      secrets:
        psql-pw:
          external: true
    `;
    expectUnchanged(external, { version: 3 });
  });

  it("rejects bad options before any edit", () => {
    expect(() => run(before, { target: "k8s" })).toThrow(/env-to-secrets\.target/);
    expect(() => run(before, { script: "/etc/x.sh" })).toThrow(/relative path/);
    expect(() => run(before, { exclude: [""] })).toThrow(/exclude/);
  });
});

// ---------------------------------------------------------------- no leaks

describe("no literal secret value in any output", () => {
  const canaries = {
    map: "canary-map-7f3a9c",
    list: "canary-list-51c2e8",
    referenceDefault: "canary-default-90b1d4",
    convertedDefault: "canary-default-mysql-44e0",
    url: "canary-url-33d8aa",
    urlDefault: "canary-url-default-c0ffee",
    unconverted: "canary-unconverted-5e11",
  };
  const input = yaml`
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: ${canaries.map}
      backup:
        image: prodrigestivill/postgres-backup-local:16
        environment:
          - POSTGRES_HOST=db
          - POSTGRES_PASSWORD=${canaries.list}
      app:
        image: ghcr.io/acme/app:1
        environment:
          API_TOKEN: \${API_TOKEN:-${canaries.referenceDefault}}
          SESSION_SECRET: ${canaries.unconverted}
          DATABASE_URL: postgres://app:${canaries.url}@db/app
          REPLICA_URL: \${REPLICA_URL:-postgres://app:${canaries.urlDefault}@replica/app}
      mysql:
        image: mysql:8
        environment:
          MYSQL_PASSWORD: \${MYSQL_PASSWORD:-${canaries.convertedDefault}}
  `;

  for (const target of ["swarm", "compose"] as const) {
    it(`holds for target ${target}`, () => {
      const r = run(input, { target });
      const findingsText = r.findings.map((f) => `${f.kind} ${f.message}`).join("\n");
      const extrasText = r.extras.map((e) => `${e.path}\n${e.description}\n${e.content}`).join("\n");
      const changes: FileChange[] = [
        ...r.files.map((f) => ({ path: f.path, before: f.before, after: f.after })),
        ...r.extras.map((e) => ({ path: e.path, before: null, after: e.content })),
      ];
      const masked = renderPatch(changes, { mask: secretMasker(r.secrets) });
      for (const canary of Object.values(canaries)) {
        expect(r.secrets, canary).toContain(canary);
        expect(findingsText, canary).not.toContain(canary);
        expect(extrasText, canary).not.toContain(canary);
        expect(masked, canary).not.toContain(canary);
      }
      // Converted literals left the compose file; their values come from variables at creation time.
      for (const gone of [canaries.map, canaries.list, canaries.convertedDefault]) expect(out(r), gone).not.toContain(gone);
      expect(masked).toContain("-      POSTGRES_PASSWORD: ****");
      expect(script(r)?.content).toMatch(target === "swarm" ? /create_secret postgres_password POSTGRES_PASSWORD/ : /write_secret \.\/secrets\/postgres_password POSTGRES_PASSWORD/);
    });
  }
});

// ---------------------------------------------------------------- the script

describe("the create-secrets script", () => {
  const hasBash = spawnSync("bash", ["--version"]).status === 0;
  const fakeDocker = `#!/usr/bin/env bash
# A stand-in for the docker CLI: secrets are files in $FAKE_SECRETS.
echo "$*" >> "$FAKE_SECRETS.log"
case "$1 $2" in
  "secret inspect") [ -e "$FAKE_SECRETS/$3" ] ;;
  "secret create") [ "$4" = "-" ] && [ ! -e "$FAKE_SECRETS/$3" ] && cat > "$FAKE_SECRETS/$3" && echo "id-$3" ;;
  *) exit 3 ;;
esac
`;
  const stack = yaml`
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
      minio:
        image: minio/minio
        environment:
          MINIO_ROOT_PASSWORD: literal-minio-pw
  `;

  function setup(target: "swarm" | "compose") {
    const dir = path.join(tmpRoot, `script-${tmpCount++}`);
    mkdirSync(path.join(dir, "bin"), { recursive: true });
    writeFileSync(path.join(dir, "bin/docker"), fakeDocker);
    chmodSync(path.join(dir, "bin/docker"), 0o755);
    const r = run(stack, { target });
    const s = script(r)!;
    mkdirSync(path.join(dir, "project/scripts"), { recursive: true });
    writeFileSync(path.join(dir, "project", s.path), s.content);
    chmodSync(path.join(dir, "project", s.path), s.mode!);
    mkdirSync(path.join(dir, "secrets"));
    const exec = (env: Record<string, string>) =>
      spawnSync(path.join(dir, "project", s.path), [], {
        cwd: os.tmpdir(),
        encoding: "utf8",
        env: { PATH: `${path.join(dir, "bin")}:/usr/bin:/bin`, FAKE_SECRETS: path.join(dir, "secrets"), ...env },
      });
    return { dir, exec };
  }

  it.runIf(hasBash)("creates each missing Swarm secret from its variable, byte for byte, and skips existing ones", () => {
    const { dir, exec } = setup("swarm");
    writeFileSync(path.join(dir, "secrets/postgres_password"), "old");
    const res = exec({ POSTGRES_PASSWORD: "ignored", MINIO_ROOT_PASSWORD: "new minio pw with spaces\n" });
    expect(res.status, res.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "secrets/postgres_password"), "utf8")).toBe("old");
    expect(readFileSync(path.join(dir, "secrets/minio_root_password"), "utf8")).toBe("new minio pw with spaces\n");
    expect(res.stdout).toContain("secret postgres_password exists, skipped");
    expect(readFileSync(path.join(dir, "secrets.log"), "utf8")).toContain("secret create minio_root_password -");
  });

  it.runIf(hasBash)("creates nothing and names every missing variable when one is unset", () => {
    const { dir, exec } = setup("swarm");
    const res = exec({ POSTGRES_PASSWORD: "pw" });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("MINIO_ROOT_PASSWORD (for minio_root_password)");
    expect(existsSync(path.join(dir, "secrets/postgres_password"))).toBe(false);
  });

  it.runIf(hasBash)("writes missing secret files with mode 600 for target compose", () => {
    const { dir, exec } = setup("compose");
    const res = exec({ POSTGRES_PASSWORD: "pg-pw", MINIO_ROOT_PASSWORD: "minio-pw" });
    expect(res.status, res.stderr).toBe(0);
    const file = path.join(dir, "project/secrets/postgres_password");
    expect(readFileSync(file, "utf8")).toBe("pg-pw");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = exec({});
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("./secrets/postgres_password exists, skipped");
  });

  it.runIf(hasBash)("is valid bash", () => {
    const r = run(stack);
    const file = path.join(tmpRoot, `syntax-${tmpCount++}.sh`);
    writeFileSync(file, script(r)!.content);
    expect(() => execFileSync("bash", ["-n", file])).not.toThrow();
  });
});

// ---------------------------------------------------------------- the corpus

/**
 * Replace every literal secret of `text` by a unique canary, through the document layer, so
 * that a leak of any of them can be seen (short real values such as `test` also occur in
 * ordinary words, which would make a leak check on them meaningless).
 */
function withCanaries(text: string, filename: string): { text: string; canaries: string[] } {
  const doc = parseCompose(text, { filename });
  const canaries: string[] = [];
  for (const service of doc.services()) {
    for (const entry of doc.env(service)) {
      if (entry.value === null || entry.value.includes("CANARY")) continue;
      const literals = literalSecretsIn(entry.name, entry.value);
      if (literals.length === 0) continue;
      let value = entry.value;
      for (const literal of literals) {
        const canary = `CANARY${String(canaries.length).padStart(3, "0")}x${filename.length}`;
        canaries.push(canary);
        value = value.split(literal).join(canary);
      }
      doc.setEnv(service, entry.name, value, { shared: "anchor" });
    }
  }
  return { text: doc.toString(), canaries };
}

describe("every corpus file", () => {
  const files = corpusFiles();
  it.skipIf(files.length > 0)("corpus not found: skipped", () => {});

  for (const { name, text } of files) {
    for (const target of ["swarm", "compose"] as const) {
      it(`${name} (${target}): never throws, reads back, is idempotent and stays deployable`, () => {
        const r = run([{ path: name, text }], { target });
        const after = r.files[0].after;
        parseCompose(after, { filename: name });
        const again = run([{ path: name, text: after }], { target });
        expect(visible(again.files[0].after)).toBe(visible(after));
        for (const e of again.extras) expect(e.content).toBe(r.extras.find((x) => x.path === e.path)?.content);
        expectStackStillAccepts(text, after, name);
      });
    }

    it(`${name}: no literal secret leaks`, () => {
      const { text: canaried, canaries } = withCanaries(text, name);
      const r = run([{ path: name, text: canaried }]);
      const shown = [
        r.findings.map((f) => f.message).join("\n"),
        r.extras.map((e) => e.content).join("\n"),
        renderPatch(
          [...r.files.map((f) => ({ path: f.path, before: f.before, after: f.after })), ...r.extras.map((e) => ({ path: e.path, before: null, after: e.content }))],
          { mask: secretMasker(r.secrets) },
        ),
      ].join("\n");
      for (const canary of canaries) {
        expect(r.secrets, canary).toContain(canary);
        expect(shown, canary).not.toContain(canary);
      }
    });
  }
});
