/** The referees themselves: each one must reject what is wrong, or its passing means nothing. */
import { describe, expect, it } from "vitest";
import { actionlint, amtoolCheckConfig, need, promtoolCheckRules, shellcheck } from "./tools.js";

describe("real tools", () => {
  it("actionlint flags an unknown key and passes a clean workflow", async () => {
    expect(await actionlint("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    foo: 1\n    steps:\n      - run: echo hi\n")).toEqual([
      expect.stringMatching(/^5:5 unexpected key "foo"/),
    ]);
    expect(await actionlint("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n")).toEqual([]);
  });

  it("shellcheck flags an unquoted expansion", (ctx) => {
    need(ctx, "shellcheck");
    expect(shellcheck('#!/bin/sh\nrm -rf $1\n').ok).toBe(false);
    expect(shellcheck('#!/bin/sh\nrm -rf -- "$1"\n').ok).toBe(true);
  });

  it("promtool rejects a rule with a bad expression", (ctx) => {
    need(ctx, "promtool");
    expect(promtoolCheckRules("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n").ok).toBe(false);
  });

  it("amtool rejects a route without a receiver", (ctx) => {
    need(ctx, "amtool");
    expect(amtoolCheckConfig("route:\n  receiver: nobody\nreceivers: []\n").ok).toBe(false);
    expect(amtoolCheckConfig("route:\n  receiver: ops\nreceivers:\n  - name: ops\n").ok).toBe(true);
  });
});
