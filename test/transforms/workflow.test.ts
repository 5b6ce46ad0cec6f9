/** The shared SSH setup step: actionlint accepts it in a workflow, shellcheck its script. */
import { describe, expect, it } from "vitest";
import { sshSetupStep } from "../../src/transforms/shared/workflow.js";
import { actionlint, need, shellcheck } from "../support/tools.js";

const workflow = ["on: workflow_dispatch", "jobs:", "  run:", "    runs-on: ubuntu-latest", "    steps:", ...sshSetupStep(6), "      - run: ssh swarm-manager true", ""].join("\n");

describe("the SSH setup step of generated workflows", () => {
  it("passes actionlint", async () => {
    expect(await actionlint(workflow)).toEqual([]);
  });

  it("runs a script shellcheck accepts (as bash, GitHub's default shell)", (ctx) => {
    need(ctx, "shellcheck");
    const run = sshSetupStep(0);
    const body = run.slice(run.indexOf("  run: |") + 1).map((l) => l.slice(4));
    const result = shellcheck(["#!/usr/bin/env bash", ...body, ""].join("\n"));
    expect(result.stdout + result.stderr).toBe("");
  });

  it("never accepts an unknown host key and keeps the key off the command line", () => {
    const text = sshSetupStep(0).join("\n");
    expect(text).toContain("StrictHostKeyChecking yes");
    expect(text).not.toMatch(/StrictHostKeyChecking=?\s*no|accept-new/);
    expect(text).not.toMatch(/ssh(-add)? .*\$SSH_PRIVATE_KEY/);
  });
});
