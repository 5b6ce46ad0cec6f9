/**
 * The restore-test workflow: actionlint accepts it, shellcheck its run step, and the run step,
 * executed with a stub `ssh` that hands each command to a stub `docker` playing a Swarm
 * manager, re-runs the job, waits for the task of the new iteration and turns red exactly when
 * that task failed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { restoreWorkflow, triggerScript } from "../../../src/transforms/backup-verify/workflow.js";
import { actionlint, need, shellcheck } from "../../support/tools.js";

const options = { composeFile: "docker-compose.production.yml", schedule: "30 5 * * *", environment: "production", stack: "", timeoutMinutes: 120 };

/** `ssh swarm-manager <command>`: runs the command with the stub docker, as the manager's shell would. */
const SSH = `#!/bin/sh
[ "$1" = swarm-manager ] || { echo "ssh stub: unknown host $1" >&2; exit 255; }
shift
echo "$*" >> "$SWARM/commands"
exec sh -c "$*"
`;

/**
 * A manager with the services listed in $SWARM/services. `service update --force` starts the
 * next iteration; its task reaches the state in $SWARM/outcome after one poll (running first).
 */
const DOCKER = String.raw`#!/bin/sh
case "$1 $2" in
  "service ls") cat "$SWARM/services" ;;
  "service update") echo $(( $(cat "$SWARM/iteration") + 1 )) > "$SWARM/iteration"; echo 0 > "$SWARM/polls" ;;
  "service inspect") cat "$SWARM/iteration" ;;
  "service ps") echo old-task; [ "$(cat "$SWARM/iteration")" = 1 ] || echo new-task ;;
  "inspect --type")
    polls=$(( $(cat "$SWARM/polls") + 1 )); echo "$polls" > "$SWARM/polls"
    state=running; [ "$polls" -lt 2 ] || state=$(cat "$SWARM/outcome")
    for id in "$@"; do
      case "$id" in
        old-task) echo "1 old-task complete" ;;
        new-task) echo "$(cat "$SWARM/iteration") new-task $state" ;;
      esac
    done ;;
  "service logs") echo "backup-verify: log of $4" ;;
  *) echo "docker stub: unexpected $*" >&2; exit 2 ;;
esac
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function manager(services: string[], outcome: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "restore-workflow-"));
  dirs.push(root);
  mkdirSync(path.join(root, "bin"));
  for (const [name, text] of [
    ["ssh", SSH],
    ["docker", DOCKER],
  ]) {
    writeFileSync(path.join(root, "bin", name), text);
    chmodSync(path.join(root, "bin", name), 0o755);
  }
  writeFileSync(path.join(root, "services"), services.map((s) => `${s}\n`).join(""));
  writeFileSync(path.join(root, "outcome"), outcome);
  writeFileSync(path.join(root, "iteration"), "1");
  writeFileSync(path.join(root, "polls"), "0");
  return root;
}

function trigger(root: string, env: Record<string, string> = {}) {
  const r = spawnSync("bash", ["-c", triggerScript().join("\n")], {
    encoding: "utf8",
    env: { PATH: `${path.join(root, "bin")}:/usr/bin:/bin`, SWARM: root, STACK: "", TIMEOUT_MINUTES: "1", POLL_SECONDS: "0", ...env },
  });
  return { ...r, commands: readFileSync(path.join(root, "commands"), "utf8").trim().split("\n") };
}

describe("the restore-test workflow", () => {
  it("passes actionlint", async () => {
    expect(await actionlint(restoreWorkflow(options), ".github/workflows/backup-restore-test.yml")).toEqual([]);
  });

  it("runs a step shellcheck accepts (bash, GitHub's default shell)", (ctx) => {
    need(ctx, "shellcheck");
    const result = shellcheck(["#!/usr/bin/env bash", ...triggerScript(), ""].join("\n"));
    expect(result.stdout + result.stderr).toBe("");
  });

  it("schedules the test, can be run by hand, holds no secret but the SSH ones, and needs no repository access", () => {
    const text = restoreWorkflow(options);
    expect(text).toContain('    - cron: "30 5 * * *"\n  workflow_dispatch:\n');
    expect(text).toContain("permissions: {}\n");
    expect([...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1])).toEqual(["DEPLOY_SSH_HOST", "DEPLOY_SSH_USER", "DEPLOY_SSH_PRIVATE_KEY", "DEPLOY_SSH_KNOWN_HOSTS"]);
    expect(text).toContain("    environment: production\n    timeout-minutes: 130\n");
  });

  it("re-runs the job, waits for the new iteration's task, prints its log and passes when it completed", () => {
    const r = trigger(manager(["busflow_backup-verify-restore"], "complete"));
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain("restore test: busflow_backup-verify-restore, iteration 2");
    expect(r.stdout).toContain("backup-verify: log of new-task");
    expect(r.stdout).toContain("restore test passed");
    expect(r.commands[0]).toBe("docker service ls --filter label=compose-gate.role=backup-restore-test --format '{{.Name}}'");
    expect(r.commands[1]).toBe("docker service update --force --detach --quiet busflow_backup-verify-restore");
  });

  it("turns red when the task failed, and shows its log", () => {
    const r = trigger(manager(["busflow_backup-verify-restore"], "failed"));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("backup-verify: log of new-task");
    expect(r.stdout).toContain("::error::the restore test failed (task state failed)");
  });

  it("turns red when the task does not finish in time", () => {
    const r = trigger(manager(["busflow_backup-verify-restore"], "running"), { TIMEOUT_MINUTES: "0" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::the restore test did not finish within 0 minutes (task new-task, state running)");
  });

  it("refuses to guess between two stacks' jobs, and filters by stack when told", () => {
    const two = ["busflow_backup-verify-restore", "staging_backup-verify-restore"];
    const r = trigger(manager(two, "complete"));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("found 2: busflow_backup-verify-restore staging_backup-verify-restore. Deploy the stack first, or set option stack");
    const filtered = trigger(manager(["busflow_backup-verify-restore"], "complete"), { STACK: "busflow" });
    expect(filtered.commands[0]).toBe(
      "docker service ls --filter label=compose-gate.role=backup-restore-test --filter label=com.docker.stack.namespace=busflow --format '{{.Name}}'",
    );
  });
});
