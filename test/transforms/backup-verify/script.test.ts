/**
 * The verification script, run for real under POSIX sh (dash here; busybox ash in the image)
 * with stub `aws`, `gpg`, `psql` and `pg_restore` on PATH. The stubs play a bucket and a
 * scratch server from files and log every call with its arguments and the host it was sent
 * to, so the tests can see what the script did — and what it never did: touch the production
 * host, or put a secret on a command line. Where busybox is installed, every case runs a second
 * time under busybox sh with only busybox's applets on PATH, as in the Alpine image.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyScript } from "../../../src/transforms/backup-verify/script.js";
import { need, shellcheck } from "../../support/tools.js";

const SECRETS = { s3_access_key_id: "AKIA-canary-id", s3_secret_access_key: "canary-secret-key", passphrase: "canary-passphrase", scratch_password: "canary:scratch\\pw" };

/** Each stub logs `<tool> PGHOST=<host> <args>` and plays its part from the files in $STUB. */
const STUBS: Record<string, string> = {
  aws: String.raw`#!/bin/sh
echo "aws PGHOST=$PGHOST $*" >> "$STUB/calls"
[ "$AWS_ACCESS_KEY_ID" = "$(cat "$SECRETS_DIR/s3_access_key_id")" ] || { echo "aws: no credentials" >&2; exit 255; }
if [ "$1" = --endpoint-url ]; then shift 2; fi
case "$1 $2" in
  "s3api list-objects-v2")
    [ ! -e "$STUB/aws-fail" ] || { echo "An error occurred (InvalidAccessKeyId)" >&2; exit 254; }
    if [ -e "$STUB/listing" ]; then cat "$STUB/listing"; else echo None; fi ;;
  "s3 cp")
    key=$(printf '%s' "$4" | sed 's|^s3://[^/]*/||')
    [ -e "$STUB/objects/$key" ] || { echo "fatal error: An error occurred (404) when calling the HeadObject operation" >&2; exit 1; }
    cp "$STUB/objects/$key" "$5" ;;
  "configure set") ;;
  *) echo "aws stub: unexpected $*" >&2; exit 2 ;;
esac
`,
  gpg: String.raw`#!/bin/sh
echo "gpg PGHOST=$PGHOST $*" >> "$STUB/calls"
while [ $# -gt 0 ]; do
  case "$1" in
    --passphrase-file) pass=$2; shift ;;
    --output) out=$2; shift ;;
    --decrypt) in=$2; shift ;;
  esac
  shift
done
if [ "$(cat "$pass")" != "$(cat "$STUB/encrypted-with")" ]; then
  echo "gpg: AES256.CFB encrypted data" >&2
  echo "gpg: decryption failed: Bad session key" >&2
  exit 2
fi
sed 1d "$in" > "$out"
`,
  psql: String.raw`#!/bin/sh
echo "psql PGHOST=$PGHOST $*" >> "$STUB/calls"
[ -z "$PGPASSFILE" ] || cp "$PGPASSFILE" "$STUB/pgpass"
query=""; file=""
while [ $# -gt 0 ]; do
  case "$1" in -c) query=$2; shift ;; -f) file=$2; shift ;; esac
  shift
done
case "$query" in
  "SELECT 1") echo 1 ;;
  *"WHERE datname = "*) cat "$STUB/production-named" 2>/dev/null || echo 0 ;;
  *"LIKE 'backup"*) cat "$STUB/leftovers" 2>/dev/null || true ;;
  "CREATE DATABASE"*|"DROP DATABASE"*) ;;
  *pg_tables*) cat "$STUB/tables" 2>/dev/null || echo 3 ;;
  "SELECT ("*) cat "$STUB/assertion" 2>/dev/null || echo t ;;
  "") grep -q gexec "$file" && printf 'public.trips\t120\npublic.stops\t5\n' ;;
  *) echo "psql stub: unexpected $query" >&2; exit 3 ;;
esac
`,
  pg_restore: String.raw`#!/bin/sh
echo "pg_restore PGHOST=$PGHOST $*" >> "$STUB/calls"
[ ! -e "$STUB/restore-fail" ] || { echo 'pg_restore: error: could not execute query: ERROR:  relation "trips" already exists' >&2; exit 1; }
`,
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: string[];
  metrics: Record<string, string>;
  stub: string;
}

/** A folder of busybox applets, when busybox is installed (the image's sh and tools). */
function busyboxApplets(): string | undefined {
  const list = spawnSync("busybox", ["--list"], { encoding: "utf8" });
  if (list.status !== 0) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "busybox-"));
  for (const applet of list.stdout.split("\n").filter(Boolean)) symlinkSync(spawnSync("which", ["busybox"], { encoding: "utf8" }).stdout.trim(), path.join(dir, applet));
  return dir;
}

const busybox = busyboxApplets();
const SHELLS = [
  { name: "sh", command: "sh", path: "/usr/bin:/bin" },
  ...(busybox ? [{ name: "busybox sh", command: path.join(busybox, "sh"), path: busybox }] : []),
];
if (!busybox) console.warn("[compose-gate tests] busybox not found: backup-verify.sh runs under dash only");
afterAll(() => {
  if (busybox) rmSync(busybox, { recursive: true, force: true });
});

let shell = SHELLS[0];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A world: the stub bin folder, secrets, the bucket's listing and objects, the metrics folder. */
function world(files: Record<string, string> = {}, secrets: Record<string, string> = SECRETS): string {
  const root = mkdtempSync(path.join(tmpdir(), "backup-verify-"));
  dirs.push(root);
  for (const sub of ["bin", "stub/objects", "secrets", "metrics"]) mkdirSync(path.join(root, sub), { recursive: true });
  for (const [name, text] of Object.entries(STUBS)) {
    writeFileSync(path.join(root, "bin", name), text);
    chmodSync(path.join(root, "bin", name), 0o755);
  }
  for (const [name, text] of Object.entries(secrets)) writeFileSync(path.join(root, "secrets", name), text);
  writeFileSync(path.join(root, "stub/encrypted-with"), SECRETS.passphrase);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, "stub", name)), { recursive: true });
    writeFileSync(path.join(root, "stub", name), text);
  }
  return root;
}

const ENV = {
  S3_ENDPOINT: "https://account.r2.cloudflarestorage.com",
  S3_REGION: "auto",
  S3_BUCKET: "busflow-backups",
  S3_PREFIX: "postgres",
  POSTGRES_DATABASE: "busflow",
  PRODUCTION_HOST: "postgres",
  SCRATCH_HOST: "backup-verify-db",
  SCRATCH_WAIT: "2",
};

function run(root: string, mode: string, env: Record<string, string> = {}, assertions: string[] = []): Run {
  const script = path.join(root, "backup-verify.sh");
  writeFileSync(script, verifyScript({ composeFile: "stack.yml", backupService: "postgres-backup", assertions }));
  const r = spawnSync(shell.command, [script, mode], {
    encoding: "utf8",
    env: {
      PATH: `${path.join(root, "bin")}:${shell.path}`,
      STUB: path.join(root, "stub"),
      SECRETS_DIR: path.join(root, "secrets"),
      METRICS_DIR: path.join(root, "metrics"),
      ...ENV,
      ...env,
    },
  });
  const callsFile = path.join(root, "stub/calls");
  const metricsDir = path.join(root, "metrics");
  const metrics: Record<string, string> = {};
  for (const name of spawnSync("ls", ["-A", metricsDir], { encoding: "utf8" }).stdout.split("\n").filter(Boolean)) {
    metrics[name] = readFileSync(path.join(metricsDir, name), "utf8");
  }
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    calls: existsSync(callsFile) ? readFileSync(callsFile, "utf8").trim().split("\n") : [],
    metrics,
    stub: path.join(root, "stub"),
  };
}

/** A listing line as `aws s3api list-objects-v2 --output text` prints it: key, size, last modified. */
const entry = (time: string, size: number, modified: string, ext = ".dump.gpg") => `postgres/busflow_${time}${ext}\t${size}\t${modified}`;

/** A bucket with three nightly dumps, the newest encrypted with the right passphrase. */
function freshBucket(): Record<string, string> {
  return {
    listing: [
      entry("2026-05-01T00:00:05", 1000, "2026-05-01T00:00:40+00:00"),
      entry("2026-05-02T00:00:05", 1100, "2026-05-02T00:00:41+00:00"),
      entry("2026-05-03T00:00:05", 1200, "2026-05-03T00:00:42+00:00"),
    ].join("\n"),
    "objects/postgres/busflow_2026-05-03T00:00:05.dump.gpg": "ENCRYPTED\nPGDMP custom dump\n",
  };
}

function value(metrics: string, name: string): number {
  const line = metrics.split("\n").find((l) => l.startsWith(`${name}{`));
  if (!line) throw new Error(`no ${name} in\n${metrics}`);
  return Number(line.split(" ").pop());
}

const secretValues = Object.values(SECRETS);
const leaked = (r: Run) => secretValues.filter((s) => [r.stdout, r.stderr, ...r.calls].some((t) => t.includes(s)));

describe("backup-verify.sh: the script itself", () => {
  it("passes shellcheck, warnings and style included", (ctx) => {
    need(ctx, "shellcheck");
    const result = shellcheck(verifyScript({ composeFile: "stack.yml", backupService: "postgres-backup", assertions: ["SELECT count(*) > 0 FROM public.users"] }));
    expect(result.stdout + result.stderr).toBe("");
  });

  it("refuses an unknown mode", () => {
    const r = run(world(), "bogus");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage:");
  });
});

describe.each(SHELLS)("under $name", (current) => {
  beforeAll(() => {
    shell = current;
  });

  describe("backup-verify.sh check: the freshness metrics", () => {
    it("writes the newest dump's upload time and size, and the median of the seven before it", () => {
      const sizes = [900, 5000, 1000, 1100, 1050, 1200, 1150, 1175, 400];
      const listing = sizes.map((size, i) => entry(`2026-05-0${i + 1}T00:00:05`, size, `2026-05-0${i + 1}T00:01:0${i}.000Z`, ".dump"));
      // Another database whose name starts the same, and a stray file: neither counts.
      listing.push("postgres/busflow_archive_2026-05-10T00:00:05.dump\t9\t2026-05-10T00:00:00.000Z", "postgres/busflow_notes.txt\t9\t2026-05-10T00:00:00.000Z");
      const r = run(world({ listing: listing.join("\n") }), "check");
      expect(r.status, r.stderr).toBe(0);
      const m = r.metrics["offsite-backup-busflow.prom"];
      expect(value(m, "offsite_backup_newest_timestamp_seconds")).toBe(Date.parse("2026-05-09T00:01:08Z") / 1000);
      expect(value(m, "offsite_backup_newest_size_bytes")).toBe(400);
      // The seven before the newest: 5000 1000 1100 1050 1200 1150 1175 → median 1150.
      expect(value(m, "offsite_backup_previous_median_size_bytes")).toBe(1150);
      expect(value(m, "offsite_backup_dumps")).toBe(9);
      expect(Math.abs(value(m, "offsite_backup_check_timestamp_seconds") - Date.now() / 1000)).toBeLessThan(60);
      expect(m).toContain('offsite_backup_newest_size_bytes{database="busflow"} 400\n');
      expect(r.calls[0]).toBe(
        "aws PGHOST= --endpoint-url https://account.r2.cloudflarestorage.com s3api list-objects-v2 --bucket busflow-backups --prefix postgres/busflow_ --query Contents[].[Key, Size, LastModified] --output text",
      );
      expect(leaked(r)).toEqual([]);
    });

    it.each([
      ["2026-05-03T00:00:42.000Z", "2026-05-03T00:00:42Z"],
      ["2026-05-03T00:00:42+00:00", "2026-05-03T00:00:42Z"],
      ["2026-12-31T23:59:59+02:00", "2026-12-31T21:59:59Z"],
      ["2024-02-29T08:09:07.123-05:30", "2024-02-29T13:39:07Z"],
      ["2000-03-01T00:00:00Z", "2000-03-01T00:00:00Z"],
    ])("reads the upload time %s as aws-cli prints it", (modified, utc) => {
      const r = run(world({ listing: entry("2026-05-03T00:00:05", 1, modified) }), "check");
      expect(value(r.metrics["offsite-backup-busflow.prom"], "offsite_backup_newest_timestamp_seconds")).toBe(Date.parse(utc) / 1000);
    });

    it("writes 0 for an empty bucket, which the freshness alert reads as no dump at all", () => {
      const r = run(world(), "check");
      expect(r.status).toBe(0);
      const m = r.metrics["offsite-backup-busflow.prom"];
      expect(value(m, "offsite_backup_newest_timestamp_seconds")).toBe(0);
      expect(value(m, "offsite_backup_dumps")).toBe(0);
      expect(r.stdout).toContain("no dump under s3://busflow-backups/postgres/busflow_");
    });

    it("fails and keeps the last metrics when the bucket cannot be listed", () => {
      const root = world({ "aws-fail": "" });
      writeFileSync(path.join(root, "metrics/offsite-backup-busflow.prom"), "previous\n");
      const r = run(root, "check");
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("cannot list s3://busflow-backups/postgres/");
      expect(r.metrics).toEqual({ "offsite-backup-busflow.prom": "previous\n" });
    });
  });

  describe("backup-verify.sh restore: the restore test", () => {
    it("restores a fresh dump into a new scratch database, checks it, drops it and records the pass", () => {
      const r = run(world(freshBucket()), "restore", {}, ["SELECT count(*) > 0 FROM public.trips"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("newest dump: postgres/busflow_2026-05-03T00:00:05.dump.gpg (1200 bytes");
      expect(r.stdout).toContain("public.trips: 120 rows");
      expect(r.stdout).toContain("assertion holds: SELECT count(*) > 0 FROM public.trips");
      expect(r.stdout).toContain("restore test passed");
      const db = /CREATE DATABASE "(backup_verify_\d+)"/.exec(r.calls.join("\n"))![1];
      expect(r.calls).toContain(`pg_restore PGHOST=backup-verify-db --exit-on-error --no-owner --no-acl --dbname ${db} ${r.calls.join("\n").match(/\S+\/db\.dump/)![0]}`);
      expect(r.calls[r.calls.length - 1]).toBe(`psql PGHOST=backup-verify-db -X -q -At -v ON_ERROR_STOP=1 -d postgres -c DROP DATABASE IF EXISTS "${db}"`);
      const m = r.metrics["backup-restore-test-busflow-success.prom"];
      expect(value(m, "backup_restore_test_dump_timestamp_seconds")).toBe(Date.parse("2026-05-03T00:00:42Z") / 1000);
      expect(value(m, "backup_restore_test_tables")).toBe(3);
      expect(m).toContain('backup_restore_test_table_rows{database="busflow",table="public.trips"} 120\n');
      expect(Object.keys(r.metrics)).toEqual(["backup-restore-test-busflow-success.prom"]);
      // The password reached psql through a pgpass file, escaped; never an argument.
      expect(readFileSync(path.join(r.stub, "pgpass"), "utf8")).toBe("backup-verify-db:5432:*:postgres:canary\\:scratch\\\\pw\n");
      expect(r.calls.filter((c) => c.startsWith("gpg"))[0]).toMatch(/--passphrase-file \S+\/passphrase /);
      expect(leaked(r)).toEqual([]);
    });

    it("fails when the bucket holds no dump, before touching the scratch server", () => {
      const r = run(world(), "restore");
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("no dump under s3://busflow-backups/postgres/busflow_: the backup job has uploaded none");
      expect(r.calls.some((c) => c.startsWith("psql") || c.startsWith("pg_restore"))).toBe(false);
      expect(value(r.metrics["backup-restore-test-busflow-failure.prom"], "backup_restore_test_failure_timestamp_seconds")).toBeGreaterThan(0);
    });

    it("fails with a clear message when the passphrase is not the one the dump was encrypted with", () => {
      const r = run(world({ ...freshBucket(), "encrypted-with": "another passphrase" }), "restore");
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        "cannot decrypt postgres/busflow_2026-05-03T00:00:05.dump.gpg: the passphrase in secret passphrase is not the one the dump was encrypted with",
      );
      expect(r.calls.some((c) => c.startsWith("psql") || c.startsWith("pg_restore"))).toBe(false);
      expect(Object.keys(r.metrics)).toEqual(["backup-restore-test-busflow-failure.prom"]);
      expect(leaked(r)).toEqual([]);
    });

    it.each(["postgres", "POSTGRES", "tasks.postgres", "busflow_postgres"])("refuses a scratch host that is the production host (%s), touching nothing", (host) => {
      const r = run(world(freshBucket()), "restore", { SCRATCH_HOST: host });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`refused: SCRATCH_HOST (${host}) is the production database host (postgres)`);
      expect(r.calls).toEqual([]);
    });

    it("refuses to run without knowing the production host", () => {
      const r = run(world(freshBucket()), "restore", { PRODUCTION_HOST: "" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("refused: PRODUCTION_HOST is not set");
      expect(r.calls).toEqual([]);
    });

    it("refuses a scratch server that holds the production database's name", () => {
      const r = run(world({ ...freshBucket(), "production-named": "1" }), "restore");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("holds a database named busflow: that looks like production");
      expect(r.calls.join("\n")).not.toMatch(/CREATE DATABASE|DROP DATABASE|pg_restore/);
    });

    it("drops databases an earlier, killed test left behind", () => {
      const r = run(world({ ...freshBucket(), leftovers: "backup_verify_1700000000\n" }), "restore");
      expect(r.status, r.stderr).toBe(0);
      expect(r.calls).toContain('psql PGHOST=backup-verify-db -X -q -At -v ON_ERROR_STOP=1 -d postgres -c DROP DATABASE IF EXISTS "backup_verify_1700000000"');
    });

    it.each([
      ["pg_restore fails", { "restore-fail": "" }, [], "pg_restore failed on postgres/busflow_2026-05-03T00:00:05.dump.gpg"],
      ["the database has no tables", { tables: "0" }, [], "the restored database has 0 tables, expected at least 1"],
      ["an assertion is false", { assertion: "f" }, ["SELECT count(*) > 1000 FROM public.trips"], "assertion failed: SELECT count(*) > 1000 FROM public.trips"],
    ])("fails when %s, and still drops the scratch database", (_, files, assertions, message) => {
      const r = run(world({ ...freshBucket(), ...files }), "restore", {}, assertions);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.calls[r.calls.length - 1]).toMatch(/^psql PGHOST=backup-verify-db .* -c DROP DATABASE IF EXISTS "backup_verify_\d+"$/);
      expect(Object.keys(r.metrics)).toEqual(["backup-restore-test-busflow-failure.prom"]);
    });

    it("restores an unencrypted dump without asking for a passphrase", () => {
      const { passphrase: _, ...noPassphrase } = SECRETS;
      const r = run(
        world({ listing: entry("2026-05-03T00:00:05", 9, "2026-05-03T00:00:42Z", ".dump"), "objects/postgres/busflow_2026-05-03T00:00:05.dump": "PGDMP" }, noPassphrase),
        "restore",
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.calls.some((c) => c.startsWith("gpg"))).toBe(false);
    });

    it("never connects anywhere but the scratch host", () => {
      const r = run(world(freshBucket()), "restore");
      const database = r.calls.filter((c) => c.startsWith("psql") || c.startsWith("pg_restore"));
      expect(database.length).toBeGreaterThan(4);
      expect(database.every((c) => c.split(" ")[1] === "PGHOST=backup-verify-db")).toBe(true);
    });
  });

});

describe("backup-verify.sh restore: with the real gpg", () => {
  const gpg = spawnSync("gpg", ["--version"]).status === 0;
  beforeAll(() => {
    shell = SHELLS[0];
  });

  /** Encrypts `text` the way EB src/backup.sh does: gpg --symmetric --batch --passphrase. */
  function encrypt(root: string, text: string, passphrase: string): string {
    const home = path.join(root, "gnupg");
    mkdirSync(home, { mode: 0o700 });
    const plain = path.join(root, "db.dump");
    writeFileSync(plain, text);
    const r = spawnSync("gpg", ["--homedir", home, "--symmetric", "--batch", "--passphrase", passphrase, plain], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    return readFileSync(`${plain}.gpg`, "latin1");
  }

  it.skipIf(!gpg)("decrypts a dump encrypted like backup.sh does, and names a wrong passphrase", () => {
    for (const [secret, status] of [
      [SECRETS.passphrase, 0],
      ["not the passphrase", 1],
    ] as const) {
      const root = world({}, { ...SECRETS, passphrase: secret });
      const dump = encrypt(root, "PGDMP custom", SECRETS.passphrase);
      mkdirSync(path.join(root, "stub/objects/postgres"), { recursive: true });
      writeFileSync(path.join(root, "stub/objects/postgres/busflow_2026-05-03T00:00:05.dump.gpg"), dump, "latin1");
      writeFileSync(path.join(root, "stub/listing"), entry("2026-05-03T00:00:05", 9, "2026-05-03T00:00:42Z"));
      rmSync(path.join(root, "bin/gpg"));
      const r = run(root, "restore", { GNUPGHOME: path.join(root, "gnupg") });
      expect(r.status, r.stderr).toBe(status);
      if (status === 1) expect(r.stderr).toContain("the passphrase in secret passphrase is not the one the dump was encrypted with");
    }
  });
});
