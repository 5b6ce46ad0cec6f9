/**
 * Shapes Docker rejects (#16 item 3): `services` as a list or a service as a string printed
 * "✔ no problems" and exited 0. Now both commands refuse the file with `file:line:col` (exit
 * 2), stdout says nothing reassuring, and a quoted literal in a typed field is a Swarm error.
 */
import { describe, expect, it } from "vitest";
import { BIN, expectNoStackTrace, read, run, workspace } from "./helpers.js";
import { need, stackConfig } from "../support/tools.js";

const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });

const BROKEN: [string, string, string][] = [
  ["services as a list", "services:\n  - web\n", "compose.yml:1:1: services: expected a map, got a list"],
  ["a service as a string", "services:\n  web: nginx\n", "compose.yml:2:3: services.web: expected a map, got a string"],
  ["ports as a number", "services:\n  web:\n    image: nginx:1.27\n    ports: 80\n", "compose.yml:4:5: services.web.ports: expected a list, got the number 80"],
  ["environment as a number", "services:\n  web:\n    image: nginx:1.27\n    environment: 5\n", "compose.yml:4:5: services.web.environment: expected a map or a list, got the number 5"],
  ["a service left empty", "services:\n  web:\n", "compose.yml:2:3: services.web: expected a map, got an empty value"],
];

describe("shapes Docker rejects are errors with file:line:col", () => {
  it.each(BROKEN)("%s: check is exit 2 and says nothing reassuring", (_, text, message) => {
    const dir = workspace({ "compose.yml": text });
    const r = cli(dir, "check", "compose.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${message} (Docker rejects this file)`);
    expect(r.stdout).not.toContain("no problems");
    expect(r.stdout).not.toContain("✔");
    expect(r.stdout).toContain("✖ 1 error: not everything could be checked");
    expectNoStackTrace(r.stderr);
  });

  it.each(BROKEN)("%s: transform is exit 2 and changes nothing", (_, text, message) => {
    const dir = workspace({ "compose.yml": text });
    const r = cli(dir, "transform", "compose.yml", "--write");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${message}`);
    expect(r.stdout).toBe("");
    expect(read(dir, "compose.yml")).toBe(text);
  });

  it.for(BROKEN)("%s: docker stack config rejects it too", ([, text], ctx) => {
    need(ctx, "docker");
    const r = stackConfig({ "compose.yml": text });
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/must be a/);
  });

  it("a quoted boolean is a Swarm error finding (exit 1), as docker stack deploy rejects it", () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: "yes"\n';
    const dir = workspace({ "compose.yml": text });
    const r = cli(dir, "check", "compose.yml", "--format", "json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: "swarm/value-type", severity: "error", line: 4, column: 5 }));
  });

  it("one broken file does not hide the findings of the others, and the summary says something was not checked", () => {
    const dir = workspace({ "a/compose.yml": "services:\n  - web\n", "b/compose.yml": "services:\n  web:\n    image: nginx\n" });
    const r = cli(dir, "check", "a/compose.yml", "b/compose.yml");
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("security/unpinned-image");
    expect(r.stdout).toContain("✖ 1 error: not everything could be checked");
  });
});
