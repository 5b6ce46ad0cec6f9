import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import offsiteBackup from "../../src/transforms/offsite-backup.js";
import { findBackups, isInsideStack } from "../../src/transforms/offsite-backup/detect.js";
import { endpointValue, hostValue, isOurReference } from "../../src/transforms/offsite-backup/r2.js";
import { pendingEdits } from "../../src/transforms/offsite-backup/wire-env.js";
import { corpusFiles, repoRoot, yaml } from "../_utils.js";
import { dockerCli, goldenStackVerdicts, leakedSentinels, loadTransforms, model, noteMissingTools, output, run, stackConfig, undocumentedOptions, withSentinelSecrets } from "./gate-helpers.js";
noteMissingTools();

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
const r2 = { account: "", jurisdiction: "default" as const, region: "auto", prefix: "postgres" };
const projectOf = (text: string) => new Project([parseCompose(text)]);

describe("offsite-backup: options", () => {
  it("gives every option a description and a default", () => {
    expect(undocumentedOptions(offsiteBackup)).toEqual([]);
  });

  it("documents every option in docs/transforms/offsite-backup.md", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/transforms/offsite-backup.md"), "utf8");
    for (const key of Object.keys(offsiteBackup.options.shape)) expect(doc, key).toContain(`\`${key}\``);
  });

  it("rejects an account id that cannot be a host name label", () => {
    expect(() => run(offsiteBackup, busflow, { "offsite-backup": { account: "evil.example.com/x" } })).toThrow(/account/);
  });
});

describe("offsite-backup: recognising backup jobs", () => {
  it("finds each supported image whatever its registry, tag or digest", () => {
    const project = projectOf(yaml`
      services:
        a: {image: "registry.example.com:5000/eeshugerman/postgres-backup-s3:16@sha256:0123"}
        b: {image: docker.io/tiredofit/db-backup}
        c: {image: "nfrastack/db-backup:latest"}
        d: {image: "prodrigestivill/postgres-backup-local:16-debian"}
        e: {image: "kartoza/pg-backup:17-3.5"}
        f: {image: "offen/docker-volume-backup:v2"}
    `);
    expect(findBackups(project).map((b) => [b.service, b.kind])).toEqual([
      ["a", "s3-dump"],
      ["b", "db-backup"],
      ["c", "db-backup"],
      ["d", "local"],
      ["e", "kartoza"],
    ]);
  });

  it("treats an endpoint that names a service of the stack or localhost as not off-site", () => {
    const project = projectOf("services:\n  minio: {image: minio/minio}\n");
    expect(isInsideStack(project, "http://minio:9000")).toBe(true);
    expect(isInsideStack(project, "minio:9000")).toBe(true);
    expect(isInsideStack(project, "http://localhost:9000")).toBe(true);
    expect(isInsideStack(project, "https://abc.r2.cloudflarestorage.com")).toBe(false);
  });
});

describe("offsite-backup: R2 endpoint", () => {
  it("leaves the endpoint to OFFSITE_S3_ENDPOINT without an account id", () => {
    expect(endpointValue(r2)).toBe("${OFFSITE_S3_ENDPOINT}");
    expect(hostValue(r2)).toBe("${OFFSITE_S3_HOST}");
  });

  it("builds the jurisdictional host from an account id", () => {
    expect(endpointValue({ ...r2, account: "acc" })).toBe("https://acc.r2.cloudflarestorage.com");
    expect(endpointValue({ ...r2, account: "acc", jurisdiction: "eu" })).toBe("https://acc.eu.r2.cloudflarestorage.com");
    expect(hostValue({ ...r2, account: "acc", jurisdiction: "us" })).toBe("acc.us.r2.cloudflarestorage.com");
  });

  it("accepts our variables however they are spelled", () => {
    expect(isOurReference("$OFFSITE_S3_BUCKET", "OFFSITE_S3_BUCKET")).toBe(true);
    expect(isOurReference("${OFFSITE_S3_BUCKET:-b}", "OFFSITE_S3_BUCKET")).toBe(true);
    expect(isOurReference("${OFFSITE_S3_BUCKETS}", "OFFSITE_S3_BUCKET")).toBe(false);
  });
});

describe("offsite-backup: environment edits", () => {
  const env = (entries: Record<string, string | null>) => new Map(Object.entries(entries));

  it("keeps a value the user chose for a fill, and a bare KEY counts as chosen", () => {
    const edits = pendingEdits(env({ SCHEDULE: "@every 6h", BACKUP_KEEP_DAYS: null }), [
      { name: "SCHEDULE", value: "@daily", mode: "fill" },
      { name: "BACKUP_KEEP_DAYS", value: "14", mode: "fill" },
      { name: "S3_PREFIX", value: "p", mode: "fill" },
    ]);
    expect(edits.map((e) => e.name)).toEqual(["S3_PREFIX"]);
  });

  it("replaces a wrong value, but not a _FILE twin's variable or an accepted spelling", () => {
    const edits = pendingEdits(env({ S3_REGION: "us-east-1", DB01_S3_KEY_SECRET_FILE: "/run/secrets/k", S3_BUCKET: "$OFFSITE_S3_BUCKET" }), [
      { name: "S3_REGION", value: "auto", mode: "replace" },
      { name: "DB01_S3_KEY_SECRET", value: "${X}", mode: "replace", satisfiedBy: ["DB01_S3_KEY_SECRET_FILE"] },
      { name: "S3_BUCKET", value: "${OFFSITE_S3_BUCKET}", mode: "replace", accept: (v) => isOurReference(v, "OFFSITE_S3_BUCKET") },
    ]);
    expect(edits).toEqual([{ name: "S3_REGION", value: "auto", previous: "us-east-1" }]);
  });
});

describe("offsite-backup: behaviour", () => {
  it("wires the Busflow job and keeps its schedule and database settings", () => {
    const env = model(output(run(offsiteBackup, busflow))).services["postgres-backup"].environment;
    expect(env).toMatchObject({
      SCHEDULE: "@daily",
      POSTGRES_HOST: "postgres",
      POSTGRES_DATABASE: "busflow",
      S3_ENDPOINT: "${OFFSITE_S3_ENDPOINT}",
      S3_REGION: "auto",
      S3_PREFIX: "${OFFSITE_S3_PREFIX:-postgres}",
      BACKUP_KEEP_DAYS: "14",
    });
  });

  it("changes only the backup service's lines", () => {
    const after = output(run(offsiteBackup, busflow));
    const removed = busflow.split("\n").filter((line) => !after.split("\n").includes(line));
    expect(removed).toEqual([]);
  });

  it("never adds retention to a bucket the user already ships to", () => {
    const input = yaml`
      services:
        db: {image: "postgres:16", environment: {POSTGRES_PASSWORD: "\${PW}"}}
        backup:
          image: eeshugerman/postgres-backup-s3:16
          environment:
            S3_BUCKET: archive
            S3_ACCESS_KEY_ID: \${AWS_KEY}
            S3_SECRET_ACCESS_KEY: \${AWS_SECRET}
            S3_PREFIX: db
            SCHEDULE: "@daily"
            POSTGRES_HOST: db
            POSTGRES_DATABASE: postgres
            POSTGRES_USER: postgres
            POSTGRES_PASSWORD: \${PW}
    `;
    const result = run(offsiteBackup, input);
    expect(output(result)).toBe(input);
    expect(result.findings.map((f) => f.kind)).toEqual(["satisfied"]);
  });

  it("never prints a literal credential it replaces", () => {
    const input = yaml`
      services:
        db: {image: "postgres:15", environment: {POSTGRES_PASSWORD: "\${PW}"}}
        minio: {image: minio/minio}
        backup:
          image: eeshugerman/postgres-backup-s3:15
          environment:
            S3_ENDPOINT: http://minio:9000
            S3_ACCESS_KEY_ID: AKIAEXAMPLEKEY
            S3_SECRET_ACCESS_KEY: wJalrXUtnFEMI-K7MDENG-bPxRfiCY
            S3_BUCKET: b
    `;
    const result = run(offsiteBackup, input);
    const text = result.findings.map((f) => f.message).join("\n");
    expect(text).toContain("S3_SECRET_ACCESS_KEY (was a literal secret)");
    expect(text).not.toContain("wJalrXUtnFEMI");
    expect(text).not.toContain("AKIAEXAMPLEKEY");
  });

  it("refuses, without editing, a job whose environment another service shares", () => {
    const input = yaml`
      x-env: &env
        S3_BUCKET: b
      services:
        db: {image: "postgres:16"}
        api: {image: "api:1", environment: *env}
        backup: {image: "eeshugerman/postgres-backup-s3:16", environment: *env}
    `;
    const result = run(offsiteBackup, input);
    expect(output(result)).toBe(input);
    expect(result.findings.map((f) => f.message).join("\n")).toMatch(/anchor &env/);
  });

  it("adds the new job to the last (editable) file of a multi-file project", () => {
    const base = { path: "base.yml", text: "services:\n  db:\n    image: postgres:14\n" };
    const prod = { path: "prod.yml", text: "services:\n  db:\n    restart: always\n" };
    const result = run(offsiteBackup, [base, prod]);
    expect(result.files[0].after).toBe(base.text);
    expect(model(result.files[1].after).services["postgres-backup"].image).toBe("eeshugerman/postgres-backup-s3:14");
  });

  it("refuses a Postgres major no documented tag covers, unless an image is named", () => {
    const input = "services:\n  db:\n    image: postgres:18\n";
    expect(output(run(offsiteBackup, input))).toBe(input);
    const named = run(offsiteBackup, input, { "offsite-backup": { image: "eeshugerman/postgres-backup-s3:18" } });
    expect(model(output(named)).services["postgres-backup"].image).toBe("eeshugerman/postgres-backup-s3:18");
  });

  it.skipIf(!dockerCli)("produces a stack that docker stack config resolves as intended", () => {
    const result = stackConfig([{ path: "stack.yml", text: output(run(offsiteBackup, busflow)) }], {
      OFFSITE_S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com",
      OFFSITE_S3_BUCKET: "busflow-backups",
    });
    expect(result.ok, result.stderr).toBe(true);
    expect(result.stdout).toContain("S3_ENDPOINT: https://acc.r2.cloudflarestorage.com");
    expect(result.stdout).toContain("S3_BUCKET: busflow-backups");
    // The prefix falls back to its default when OFFSITE_S3_PREFIX is unset.
    expect(result.stdout).toContain("S3_PREFIX: postgres");
  });
});

describe("offsite-backup: the secret-leak check", () => {
  it("catches a sentinel in a finding or an extra file", () => {
    const { text, sentinels } = withSentinelSecrets("services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: hunter22\n");
    expect(text).toContain(sentinels[0]);
    const leaking = { files: [], secrets: [], findings: [{ transform: "t", kind: "change" as const, message: `set ${sentinels[0]}` }], extras: [] };
    expect(leakedSentinels(leaking, sentinels)).toEqual(sentinels);
  });
});

describe("offsite-backup: real-world corpus", () => {
  it.skipIf(corpusFiles().length > 0)("skipped: the shared corpus is not present", () => {});
  for (const file of corpusFiles()) {
    it(`${file.name}: never shows a literal secret of the file in a finding or an extra file`, () => {
      const { text, sentinels } = withSentinelSecrets(file.text);
      expect(leakedSentinels(run(offsiteBackup, [{ path: file.name, text }]), sentinels)).toEqual([]);
    });

    it(`${file.name}: never throws, reads back, is idempotent and keeps docker stack config's verdict`, () => {
      const inputs = [{ path: file.name, text: file.text }];
      const first = run(offsiteBackup, inputs);
      const after = first.files[0].after;
      parseCompose(after);
      expect(output(run(offsiteBackup, [{ path: file.name, text: after }]))).toBe(after);
      if (!dockerCli || after === file.text) return;
      if (!stackConfig(inputs).ok) return;
      const verdict = stackConfig([{ path: file.name, text: after }]);
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
});

describe("offsite-backup: in the gate preset", () => {
  const order = ["s3-external", "drop-minio", "offsite-backup", "env-to-secrets", "postgres-exporter", "node-exporter"];
  const available = order.every((id) => existsSync(path.join(repoRoot, `src/transforms/${id}.ts`)));

  it.skipIf(!available)("runs after the MinIO transforms and before env-to-secrets, idempotently", async () => {
    const transforms = await Promise.all(order.map(async (id) => (await import(`../../src/transforms/${id}.ts`)).default));
    const first = run(transforms, [{ path: "docker-compose.production.yml", text: busflow }]);
    const after = output(first);
    const env = model(after).services["postgres-backup"].environment;
    expect(env.S3_ENDPOINT).toBe("${OFFSITE_S3_ENDPOINT}");
    expect(env.S3_PREFIX).toBe("${OFFSITE_S3_PREFIX:-postgres}");
    expect(output(run(transforms, [{ path: "docker-compose.production.yml", text: after }]))).toBe(after);
    if (!dockerCli) return;
    const verdict = stackConfig([{ path: "stack.yml", text: after }]);
    expect(verdict.ok, verdict.stderr).toBe(true);
  });
});

describe("offsite-backup: golden outputs under docker stack config", () => {
  for (const golden of goldenStackVerdicts("offsite-backup", loadTransforms)) {
    it.skipIf(!dockerCli)(`${golden.name}: accepted after the transform when accepted before`, golden.check);
  }
});

describe("offsite-backup: a route to the bucket", () => {
  const isolated = yaml`
    services:
      db:
        image: postgres:16.4
        environment:
          POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
        networks: [internal]
    networks:
      internal:
        internal: true
  `;

  it("a job added for a database only on internal networks also joins the default network", () => {
    const out = model(output(run(offsiteBackup, isolated)));
    expect(out.services["postgres-backup"].networks).toEqual(["internal", "default"]);
  });

  it("an existing job only on internal networks joins the default network, once", () => {
    const withJob = isolated.replace("networks:\n  internal:", `  postgres-backup:\n    image: eeshugerman/postgres-backup-s3:16\n    networks:\n      - internal\nnetworks:\n  internal:`);
    expect(withJob).toContain("postgres-backup-s3");
    const first = run(offsiteBackup, withJob);
    expect(model(output(first)).services["postgres-backup"].networks).toEqual(["internal", "default"]);
    expect(first.findings.some((f) => f.kind === "change" && f.message.includes("joins the network default"))).toBe(true);
    expect(output(run(offsiteBackup, output(first)))).toBe(output(first));
  });

  it("a database on a network with a route out keeps the job on it alone", () => {
    const open = isolated.replace("    internal: true\n", "    driver: bridge\n");
    expect(model(output(run(offsiteBackup, open))).services["postgres-backup"].networks).toEqual(["internal"]);
  });
});

describe("offsite-backup: steps when env-to-secrets follows", () => {
  it("leaves the password to env-to-secrets and says how a backup runs by hand through its shim", async () => {
    const envToSecrets = (await import("../../src/transforms/env-to-secrets.js")).default;
    const manual = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.transform === "offsite-backup" && f.kind === "manual").map((f) => f.message);
    const alone = manual(run(offsiteBackup, busflow));
    expect(alone.some((m) => m.includes("reads the database password from"))).toBe(true);
    expect(alone.some((m) => m.includes("docker exec skips the shim"))).toBe(false);
    const followed = manual(run([offsiteBackup, envToSecrets], busflow));
    expect(followed.some((m) => m.includes("reads the database password from"))).toBe(false);
    expect(followed.some((m) => m.includes("run it with the exports its step gives, since docker exec skips the shim"))).toBe(true);
  });
});
