/**
 * `check` and `transform` agree: a finding says `fix: <transform>` only when that transform would
 * change it, and after `transform --write` nothing is left that `check` calls fixable. Run with
 * the shipped CLI on the Busflow example (its own repository, so the workflow lands beside it).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckFinding } from "../../src/report/check-types.js";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "./helpers.js";

const STACK = "docker-compose.production.yml";

function busflow(): string {
  const dir = workspace({ [STACK]: readFileSync(path.join(repoRoot, "examples/busflow", STACK), "utf8") });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

function findings(dir: string, ...flags: string[]): CheckFinding[] {
  const r = run(["check", STACK, "--format", "json", "--fail-on", "none", ...flags], { cwd: dir, cli: BIN });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { findings: CheckFinding[] }).findings;
}

const fixOf = (all: CheckFinding[], service: string, text: string) => all.find((f) => f.service === service && f.message.includes(text))?.fix ?? null;

describe("check names a fix only where a transform would make it", () => {
  it("leaves images without a shell, and the stack's own image, without a fix; names the transform that does change a finding", () => {
    const all = findings(busflow());
    expect(fixOf(all, "postgres", "POSTGRES_PASSWORD")).toBe("env-to-secrets");
    expect(fixOf(all, "graphql", "HASURA_GRAPHQL_ADMIN_SECRET")).toBe("env-to-secrets");
    expect(fixOf(all, "functions", "WEBHOOK_SIGNING_SECRET has a literal value")).toBe("env-to-secrets");
    expect(fixOf(all, "auth", "HASURA_GRAPHQL_ADMIN_SECRET")).toBeNull();
    expect(fixOf(all, "storage", "HASURA_GRAPHQL_ADMIN_SECRET")).toBeNull();
    expect(fixOf(all, "functions", "STRIPE_SECRET_KEY")).toBeNull();
    // minio/mc reads no file, but drop-minio removes the init job: that is what fixes it.
    expect(fixOf(all, "minio-init", "MINIO_ROOT_PASSWORD")).toBe("drop-minio");
    expect(fixOf(all, "minio", "runs a MinIO server")).toBe("drop-minio");
    // Options in force count: with shims off, Hasura's variables are not env-to-secrets' to fix.
    const off = findings(busflow(), "--set", "env-to-secrets.shims=off");
    expect(fixOf(off, "graphql", "HASURA_GRAPHQL_ADMIN_SECRET")).toBeNull();
  });

  it("calls nothing fixable once transform --write has run, while transform --check has nothing left", () => {
    const dir = busflow();
    const before = run(["check", STACK], { cwd: dir, cli: BIN });
    expect(before.stdout).toMatch(/\d+ can be fixed by `compose-gate transform` \(/);
    expect(run(["transform", STACK, "--write"], { cwd: dir, cli: BIN }).code).toBe(0);
    expect(run(["transform", STACK, "--check"], { cwd: dir, cli: BIN }).code).toBe(0);
    // What the default preset fixes is gone; the swarm-hardening preset's fixes are counted apart,
    // under the command that makes them.
    const after = run(["check", STACK], { cwd: dir, cli: BIN });
    expect(after.stdout).not.toContain("can be fixed by `compose-gate transform` (");
    const preset = new Set(["s3-external", "drop-minio", "offsite-backup", "backup-verify", "env-to-secrets", "postgres-exporter", "node-exporter", "volume-autoresize", "observability"]);
    expect(findings(dir).filter((f) => f.fix && preset.has(f.fix))).toEqual([]);
    const hardening = findings(dir).filter((f) => f.fix);
    expect(hardening.length).toBeGreaterThan(0);
    expect(after.stdout).toContain(`${hardening.length} can be fixed by \`compose-gate transform --preset swarm-hardening\``);
    // Every fix claimed is true: that preset's run leaves nothing fixable at all.
    expect(run(["transform", STACK, "--preset", "swarm-hardening", "--write"], { cwd: dir, cli: BIN }).code).toBe(0);
    expect(run(["check", STACK], { cwd: dir, cli: BIN }).stdout).not.toContain("fix:");
    expect(findings(dir).filter((f) => f.fix)).toEqual([]);
  });
});
