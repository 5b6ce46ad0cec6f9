/** The engine around the rules: selection, ordering, de-duplication, suppressions. */
import { describe, expect, it } from "vitest";
import { runChecks, selectRules } from "../../src/checks/index.js";
import { yaml } from "../_utils.js";
import { projectOf } from "./_helpers.js";

const stack = yaml`
  x-env: &env
    DB_PASSWORD: hunter2-literal
  services:
    web:
      image: nginx
      privileged: true
      environment:
        <<: *env
    worker:
      image: busybox
      restart: always
      environment:
        <<: *env
`;

describe("runChecks", () => {
  it("sorts findings by file, line and column", () => {
    const { findings } = runChecks(projectOf(stack));
    const keys = findings.map((f) => [f.line, f.column]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(findings.length).toBeGreaterThan(3);
  });

  it("reports a value shared through an anchor once per service that uses it, at the anchor", () => {
    const { findings } = runChecks(projectOf(stack), { rules: ["gate/plaintext-secret"] });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.service}`)).toEqual(["2:3 web", "2:3 worker"]);
    expect(JSON.stringify(findings)).not.toContain("hunter2-literal");
  });

  it("selects rules by id and by namespace, and refuses unknown ones", () => {
    expect(selectRules(["swarm/*"]).every((r) => r.id.startsWith("swarm/"))).toBe(true);
    expect(selectRules(["security"]).map((r) => r.id)).toContain("security/privileged");
    expect(selectRules(["gate/minio"]).map((r) => r.id)).toEqual(["gate/minio"]);
    expect(() => selectRules(["gate/nope"])).toThrow(/unknown check rule "gate\/nope"/);
    const { findings } = runChecks(projectOf(stack), { rules: ["swarm/*"] });
    // The stack sets no rollback policy, logging or limits: one stack-wide finding each.
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(["swarm/restart", "swarm/update-config", "swarm/log-rotation", "swarm/resource-limits"]));
  });
});

describe("suppressions", () => {
  it("sets suppressed findings apart with their reason, per service or for a whole rule", () => {
    const result = runChecks(projectOf(stack), {
      rules: ["security/*", "swarm/restart"],
      suppressions: [
        { rule: "security/unpinned-image", service: "web", reason: "pinned by the deploy script" },
        { rule: "swarm/*", reason: "  this file also runs under docker compose  " },
      ],
    });
    expect(result.suppressed.map((f) => `${f.ruleId} ${f.service} ${f.reason}`)).toEqual([
      "security/unpinned-image web pinned by the deploy script",
      "swarm/restart worker this file also runs under docker compose",
    ]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.service}`)).toEqual([
      "security/privileged web",
      "security/unpinned-image worker",
    ]);
  });

  it("refuses a suppression without a reason or matching no rule", () => {
    const project = projectOf(stack);
    expect(() => runChecks(project, { suppressions: [{ rule: "security/privileged", reason: "  " }] })).toThrow(/needs a reason/);
    expect(() => runChecks(project, { suppressions: [{ rule: "security/nope", reason: "x" }] })).toThrow(/no rule matches "security\/nope"/);
  });
});
