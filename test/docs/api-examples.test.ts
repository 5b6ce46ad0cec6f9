/**
 * The library examples quoted in docs/api.md (examples/api/), run the way a user runs them:
 * plain node, importing "compose-gate" through the package's exports (the BUILT files; `npm
 * test` builds first). Their output is held against the CLI's, which is tested on its own.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { TRANSFORMS } from "../../src/transforms/registry.js";
import { repoRoot } from "../_utils.js";
import { BIN, run } from "../cli/helpers.js";

const busflow = path.join(repoRoot, "examples/busflow");

function example(name: string, args: string[] = []) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "examples/api", name), ...args], { cwd: repoRoot, encoding: "utf8" });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("examples/api", () => {
  it("edit-a-file.mjs changes only the edited lines and shows the refusal", () => {
    const { code, stdout, stderr } = example("edit-a-file.mjs");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("      - S3_REGION=fsn1   # MinIO ignores the region\n      - S3_ENDPOINT=https://fsn1.your-objectstorage.com\n    secrets:\n      - s3_secret_key\n");
    expect(stdout).toContain("refused (SHARED_ANCHOR): ");
  });

  it.each(TRANSFORMS.map((t) => t.id))("diff-busflow.mjs %s prints the diff `transform --only` prints", (id) => {
    const lib = example("diff-busflow.mjs", [id]);
    expect(lib.code).toBe(0);
    // A copy outside any git repository: the example's repository files (workflows) then sit
    // next to the stack, as the library example, which knows no repository, places them.
    const copy = mkdtempSync(path.join(tmpdir(), "compose-gate-busflow-"));
    cpSync(busflow, copy, { recursive: true });
    // The gate checklist is the CLI's record of the run, not a transform's output: left out here.
    const cli = run(["transform", "--only", id, "docker-compose.production.yml", "--no-checklist"], { cwd: copy, cli: BIN });
    rmSync(copy, { recursive: true, force: true });
    expect(cli.code).toBe(0);
    // The observability spec beside the production file is its companion, in the CLI as in the
    // example: both finish it. backup-verify alone has nothing to verify on the example: its
    // backup job ships nowhere until offsite-backup wires it (both refuse alike, and print the
    // same empty diff). Busflow already keeps its Traefik labels under deploy.labels:
    // traefik-labels has nothing to move.
    if (id === "observability") expect(lib.stdout).toContain("+++ b/docker-compose.observability.yml");
    if (id !== "backup-verify" && id !== "traefik-labels") expect(lib.stdout).not.toBe("");
    expect(lib.stdout).toBe(cli.stdout);
  });

  it("check-busflow.mjs reports the gate findings `check --format json` reports", () => {
    const lib = example("check-busflow.mjs");
    expect(lib.code).toBe(1);
    const cli = run(["check", "--format", "json", "--fail-on", "none", "docker-compose.production.yml"], { cwd: busflow, cli: BIN });
    const gate = (JSON.parse(cli.stdout).findings as api.CheckFinding[]).filter((f) => f.ruleId.startsWith("gate/"));
    expect(gate.length).toBeGreaterThan(0);
    expect(lib.stdout).toBe(gate.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}\n`).join(""));
  });

  it("codemod-busflow.mjs prints the diff `codemod secrets` prints, and --write applies it", () => {
    const vars = "STRIPE_SECRET_KEY,WEBHOOK_SIGNING_SECRET";
    const lib = example("codemod-busflow.mjs");
    expect(lib.stderr).toBe("");
    expect(lib.code).toBe(0);
    const cli = run(["codemod", "secrets", "--vars", vars, "--src", "functions/src"], { cwd: busflow, cli: BIN });
    expect(cli.code).toBe(0);
    expect(lib.stdout).toContain("+++ b/functions/src/read-secret-env.ts");
    expect(lib.stdout).toBe(cli.stdout);

    // --write on a copy: afterwards the CLI finds nothing left to change there.
    const copy = mkdtempSync(path.join(tmpdir(), "compose-gate-api-"));
    try {
      cpSync(path.join(repoRoot, "examples"), path.join(copy, "examples"), { recursive: true });
      symlinkSync(path.join(repoRoot, "node_modules"), path.join(copy, "node_modules"));
      writeFileSync(path.join(copy, "package.json"), JSON.stringify({ name: "compose-gate", type: "module", exports: { ".": "./dist/index.js" } }));
      symlinkSync(path.join(repoRoot, "dist"), path.join(copy, "dist"));
      const written = spawnSync(process.execPath, [path.join(copy, "examples/api/codemod-busflow.mjs"), "--write"], { encoding: "utf8" });
      expect(written.status).toBe(0);
      expect(readFileSync(path.join(copy, "examples/busflow/functions/src/webhooks.ts"), "utf8")).toContain('readSecretEnv("WEBHOOK_SIGNING_SECRET")');
      const again = run(["codemod", "secrets", "--vars", vars, "--src", "functions/src", "--check"], { cwd: path.join(copy, "examples/busflow"), cli: BIN });
      expect(again.code).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("docs/api.md", () => {
  it("names every export of the package entry point", () => {
    const index = readFileSync(path.join(repoRoot, "src/index.ts"), "utf8");
    const exported = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1].split(",").map((n) => n.trim()).filter(Boolean));
    exported.push(...[...index.matchAll(/export \* as (\w+)/g)].map((m) => m[1]));
    expect(exported).toEqual(expect.arrayContaining(Object.keys(api))); // the parse sees every runtime export
    const doc = readFileSync(path.join(repoRoot, "docs/api.md"), "utf8");
    expect(exported.filter((name) => !new RegExp(`\`${name}[\`(]`).test(doc))).toEqual([]);
  });
});
