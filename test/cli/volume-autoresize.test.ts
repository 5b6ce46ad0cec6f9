/**
 * Issue #14, done when: on a Busflow-like repository (the stack in a folder of it),
 * `transform --write` writes the workflow at the repository root and the script next to the
 * stack, actionlint and shellcheck find nothing in them, the patch applies with git, the second
 * run changes nothing, and `check` sees the workflow.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { actionlint, need, shellcheck } from "../support/tools.js";
import { BIN, read, run, workspace } from "./helpers.js";

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
const STACK = "deploy/docker-compose.production.yml";
const WORKFLOW = ".github/workflows/volume-autoresize.yml";
const SCRIPT = "deploy/scripts/volume-autoresize.sh";

const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });
const git = (cwd: string, ...args: string[]) => spawnSync("git", args, { cwd, encoding: "utf8" });

/** A git repository holding the Busflow stack under deploy/. */
function repository(): string {
  const dir = workspace({ [STACK]: busflow });
  expect(git(dir, "init", "-q").status).toBe(0);
  return dir;
}

const autoresizeFindings = (dir: string) =>
  (JSON.parse(cli(dir, "check", STACK, "--format", "json", "--fail-on", "none").stdout).findings as { ruleId: string; line: number }[]).filter((f) => f.ruleId === "gate/volume-autoresize");

describe("volume-autoresize through the CLI", () => {
  it("writes the workflow at the repository root and the script next to the stack; the second run changes nothing", async (ctx) => {
    const dir = repository();
    expect(autoresizeFindings(dir).map((f) => f.line)).toEqual([47]);

    const first = cli(dir, "transform", STACK, "--write");
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("wrote .github/workflows/volume-autoresize.yml: grows volume 100234 (/mnt/HC_Volume_100234: postgres)");
    const workflow = read(dir, WORKFLOW);
    expect(workflow).toContain('bash deploy/scripts/volume-autoresize.sh "${args[@]}" \\\n            100234=/mnt/HC_Volume_100234\n');
    expect(statSync(path.join(dir, SCRIPT)).mode & 0o777).toBe(0o755);
    expect(await actionlint(workflow, WORKFLOW)).toEqual([]);

    const again = cli(dir, "transform", STACK, "--check");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
    // Nor does it claim to write the files it leaves as they are.
    expect(again.stderr).not.toMatch(/volume-autoresize +\S+ +wrote /);
    expect(autoresizeFindings(dir)).toEqual([]);

    need(ctx, "shellcheck");
    const lint = shellcheck(read(dir, SCRIPT));
    expect(lint.stdout + lint.stderr).toBe("");
  });

  it("the patch it prints applies with git apply, script mode included", () => {
    const dir = repository();
    expect(cli(dir, "transform", STACK, "--only", "volume-autoresize", "--patch", "gate.patch").code).toBe(0);
    const check = git(dir, "apply", "--check", "gate.patch");
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(git(dir, "apply", "gate.patch").status).toBe(0);
    expect(statSync(path.join(dir, SCRIPT)).mode & 0o111).not.toBe(0);
    expect(read(dir, WORKFLOW)).toContain("100234=/mnt/HC_Volume_100234");
  });

  it("takes option volumes as JSON through --set, commas and all", () => {
    const dir = repository();
    const r = cli(dir, "transform", STACK, "--only", "volume-autoresize", "--set", 'volume-autoresize.volumes=[{"name":"docker-data","mount":"/mnt/docker"},{"id":7,"mount":"/srv/seven"}]', "--set", "volume-autoresize.maxSizeGb=800");
    expect(r.stderr).not.toContain("error");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+          args=(--threshold 90 --max-size 800 --cooldown 360)");
    expect(r.stdout).toContain("+            docker-data=/mnt/docker \\\n+            7=/srv/seven\n");
  });

  it("names the SSH secrets and HCLOUD_TOKEN once among the manual steps of the whole preset", () => {
    const r = cli(repository(), "transform", STACK);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/DEPLOY_SSH_PRIVATE_KEY, DEPLOY_SSH_KNOWN_HOSTS to the/g)).toHaveLength(1);
    expect(r.stderr.match(/secret HCLOUD_TOKEN to the/g)).toHaveLength(1);
  });
});
