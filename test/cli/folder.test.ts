/**
 * The folder scenario of #16 (items 1 and 2) with the shipped CLI on a copy of the Busflow
 * example (production, dev and observability files side by side): compose-gate picks the
 * production stack and its observability companion by name, says so before anything runs, and
 * never touches the dev file unless it is named; the config file is never a stack.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, expectNoStackTrace, run, workspace } from "./helpers.js";

const EXAMPLE_DIR = path.join(repoRoot, "examples/busflow");
const PRODUCTION = "docker-compose.production.yml";
const DEV = "docker-compose.dev.yml";
const OBSERVABILITY = "docker-compose.observability.yml";

const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });
function copyOfExample(extra: Record<string, string> = {}): string {
  const dir = workspace();
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
const text = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");
const diffedFiles = (stdout: string) => (stdout.match(/^diff --git a\/(\S+)/gm) ?? []).map((l) => l.slice("diff --git a/".length));

describe("a folder with production, dev and observability files (#16 item 1)", () => {
  it.each([[[]], [["."]]])("`transform %j --write` transforms production only and leaves dev byte-identical", (args) => {
    const dir = copyOfExample();
    const dev = text(dir, DEV);
    const r = cli(dir, "transform", ...args, "--write");
    expect(r.code, r.stderr).toBe(0);
    expect(text(dir, DEV)).toBe(dev);
    expect(text(dir, PRODUCTION)).not.toContain("image: minio/minio");
    expect(r.stderr).not.toMatch(/^docker-compose\.(dev|observability)\.yml {2}/m);
  });

  it("says which file got which role and why, before the findings", () => {
    const dir = copyOfExample();
    const r = cli(dir, "transform");
    expect(r.code, r.stderr).toBe(0);
    const roles = r.stderr.split(new RegExp(`^${PRODUCTION} `, "m"))[0];
    expect(roles).toMatch(/^roles /);
    expect(roles).toMatch(new RegExp(`^  ${PRODUCTION} +production +named \\*production\\*`, "m"));
    expect(roles).toMatch(new RegExp(`^  ${OBSERVABILITY} +observability +named \\*observability\\*: companion of ${PRODUCTION}`, "m"));
    expect(roles).toMatch(new RegExp(`^  ${DEV} +not production +named \\*dev\\*`, "m"));
    expect(diffedFiles(r.stdout)).not.toContain(DEV);
    expect(diffedFiles(r.stdout)).toContain(PRODUCTION);
  });

  it("`check .` checks production (with its companion) and the observability stack on its own, never dev", () => {
    const dir = copyOfExample({ [OBSERVABILITY]: text(EXAMPLE_DIR, OBSERVABILITY).replace("image: grafana/grafana:11.4.0", "image: grafana/grafana\n    privileged: true") });
    const r = cli(dir, "check", ".", "--format", "json");
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string }[];
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set([PRODUCTION, OBSERVABILITY]));
    // On its own it gets the security and Swarm rules; gate/observability, about what the
    // companion still lacks, comes from the production stack's check.
    const onObservability = new Set(findings.filter((f) => f.file === OBSERVABILITY).map((f) => f.ruleId));
    expect(onObservability).toContain("security/privileged");
    expect(onObservability).toContain("security/unpinned-image");
    for (const id of onObservability) expect(id).toMatch(/^(security|swarm)\/|^gate\/(plaintext-secret|observability)$/);
  });

  it("the observability stack is checked only with the rules that apply to it (no gate item of the app)", () => {
    const dir = copyOfExample();
    const r = cli(dir, "check", OBSERVABILITY, "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const rules = (JSON.parse(r.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId);
    for (const id of rules) expect(id).toMatch(/^(security|swarm)\/|^gate\/plaintext-secret$/);
    // Control: the same file checked as an app stack gets the app's gate items.
    writeFileSync(path.join(dir, "elsewhere.yml"), text(dir, OBSERVABILITY));
    const asApp = JSON.parse(cli(dir, "check", "elsewhere.yml", "--format", "json").stdout).findings as { ruleId: string }[];
    expect(asApp.map((f) => f.ruleId)).toContain("gate/volume-monitoring");
  });

  it("findings on the observability stack checked alone name no fix: the transforms finish it only through the production stack", () => {
    const dir = copyOfExample();
    const r = cli(dir, "check", OBSERVABILITY, "--format", "json");
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; fix?: string; message: string }[];
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["swarm/log-rotation"]));
    for (const f of findings) {
      expect(f.fix, f.ruleId).toBeNull();
      expect(f.message, f.ruleId).not.toMatch(/compose-gate transform/);
    }
    // Control: the same file as an app stack gets the fix and the command.
    writeFileSync(path.join(dir, "elsewhere.yml"), text(dir, OBSERVABILITY));
    const asApp = JSON.parse(cli(dir, "check", "elsewhere.yml", "--format", "json").stdout).findings as { ruleId: string; message: string }[];
    expect(asApp.some((f) => /compose-gate transform --only log-rotation/.test(f.message))).toBe(true);
  });

  it("naming the dev file transforms it (the user asked), and says its name marks it as dev", () => {
    const dir = copyOfExample();
    const r = cli(dir, "transform", DEV);
    expect(r.code, r.stderr).toBe(0);
    expect(diffedFiles(r.stdout)).toContain(DEV);
    expect(r.stderr).toMatch(new RegExp(`^  ${DEV} +not production +named \\*dev\\*, but named: the preset runs on it`, "m"));
  });

  it("a named production file gets the observability file next to it as companion", () => {
    const dir = copyOfExample();
    const r = cli(dir, "transform", PRODUCTION);
    expect(r.stderr).toMatch(new RegExp(`^  ${OBSERVABILITY} +observability +.*companion of ${PRODUCTION}`, "m"));
  });

  it("transform of the observability file alone is exit 2 naming the production file to run instead; nothing is written", () => {
    const dir = copyOfExample();
    const before = text(dir, OBSERVABILITY);
    const r = cli(dir, "transform", OBSERVABILITY, "--write");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${OBSERVABILITY} is an observability stack`);
    expect(r.stdout).toBe("");
    expect(text(dir, OBSERVABILITY)).toBe(before);
    expectNoStackTrace(r.stderr);
  });

  it("two stacks of one run never fight over a generated file: the second is refused, naming the file", () => {
    const dir = copyOfExample();
    const r = cli(dir, "transform", PRODUCTION, DEV, "--write");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/refused .*scripts\/create-secrets\.sh is also generated, with other content, for an earlier stack of this run/);
    expect(text(dir, "scripts/create-secrets.sh")).toContain("postgres_password");
    expect(text(dir, "scripts/create-secrets.sh")).not.toContain("dev-admin-secret");
  });
});

describe("ambiguity is exit 2 with the candidates, never a suggestion to use a dev file (#16 item 1)", () => {
  it("two production candidates", () => {
    const dir = workspace({
      "docker-compose.prod.yml": "services:\n  web:\n    image: nginx:1.27\n",
      "docker-stack.yml": "services:\n  web:\n    image: nginx:1.27\n",
      "docker-compose.dev.yml": "services:\n  web:\n    image: nginx:1.27\n",
    });
    const r = cli(dir, "transform");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("more than one production candidate: docker-compose.prod.yml, docker-stack.yml");
    expect(r.stderr).not.toMatch(/compose-gate transform docker-compose\.dev\.yml/);
    expect(r.stdout).toBe("");
  });

  it("only dev files: exit 2 listing them with their roles, suggesting none of them", () => {
    const dir = workspace({ "docker-compose.dev.yml": "services: {}\n", "docker-compose.override.yml": "services: {}\n" });
    const r = cli(dir, "transform");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no production compose file");
    expect(r.stderr).toContain("docker-compose.dev.yml: named *dev*");
    expect(r.stderr).not.toContain("compose-gate transform docker-compose");
  });
});

describe("the config file is never a stack (#16 item 2)", () => {
  const CONFIG = "transforms:\n  s3-external:\n    bucket: busflow-files\n";

  it("a config with no files: the search does not offer it, and transform runs on production", () => {
    const dir = copyOfExample({ "compose-gate.config.yaml": CONFIG });
    const r = cli(dir, "transform", "--write");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^ {2}compose-gate\.config\.yaml +config +compose-gate's config file, never a stack/m);
    expect(text(dir, "compose-gate.config.yaml")).toBe(CONFIG);
    expect(cli(dir, "check", "--format", "json").code).not.toBe(2);
  });

  it.each(["transform", "check"])("naming it to %s is exit 2 with a clear message, and it is left as it was", (command) => {
    const dir = copyOfExample({ "compose-gate.config.yaml": CONFIG });
    const r = cli(dir, command, "compose-gate.config.yaml", ...(command === "transform" ? ["--write"] : []));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("compose-gate.config.yaml is compose-gate's config file, not a compose file");
    expect(text(dir, "compose-gate.config.yaml")).toBe(CONFIG);
    expectNoStackTrace(r.stderr);
  });

  it("a config given with --config under another name is not a stack either", () => {
    const dir = copyOfExample({ "gate.yaml": CONFIG });
    const r = cli(dir, "transform", "--config", "gate.yaml", "gate.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("gate.yaml is compose-gate's config file");
  });

  it("a companion belongs to one stack of a run: a second stack naming it runs without it, and says so", () => {
    const dir = copyOfExample({
      "compose-gate.config.yaml": `files:\n  - files: [${PRODUCTION}]\n    observability: ${OBSERVABILITY}\n  - files: [other/docker-compose.yml]\n    observability: ${OBSERVABILITY}\n`,
      "other/docker-compose.yml": "services:\n  web:\n    image: nginx:1.27\n",
    });
    const r = cli(dir, "transform");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^  ${OBSERVABILITY} +observability +companion of ${PRODUCTION} only: other/docker-compose.yml runs without it`, "m"));
  });

  it("the config may name a stack's observability file", () => {
    const dir = copyOfExample({
      "compose-gate.config.yaml": `files:\n  - files: [${PRODUCTION}]\n    observability: monitoring/stack.yml\n`,
      "monitoring/stack.yml": text(EXAMPLE_DIR, OBSERVABILITY),
    });
    const r = cli(dir, "transform");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^ {2}monitoring\/stack\.yml +observability +companion of docker-compose\.production\.yml, as the config's files say/m);
  });
});
