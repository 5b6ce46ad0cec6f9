/**
 * One step per secret: the external Swarm secrets backup-verify and observability declare are
 * created by env-to-secrets' script and secrets-sync workflow when it runs in the same preset,
 * whichever order they run in; without env-to-secrets they keep their own steps.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { repoRoot } from "../_utils.js";

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
const observabilityFile = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.observability.yml"), "utf8");

function runPreset(ids: readonly string[]): RunResult {
  return runTransforms([{ path: "docker-compose.production.yml", text: busflow }], ids.map(getTransform), {
    companions: [{ role: "observability", path: "docker-compose.observability.yml", text: observabilityFile }],
  });
}

const manual = (r: RunResult) => r.findings.filter((f) => f.kind === "manual").map((f) => f.message);
const extra = (r: RunResult, file: string) => r.extras.find((e) => e.path === file)?.content ?? "";

describe("new external secrets are created where the stack's others are", () => {
  const r = runPreset(PRESETS["pre-first-client"]);
  const script = extra(r, "scripts/create-secrets.sh");
  const workflow = extra(r, ".github/workflows/secrets-sync.yml");

  it("the script and the workflow create backup-verify's and the observability stack's secrets", () => {
    for (const name of ["backup_verify_db_password", "grafana_admin_password", "alertmanager_slack_webhook_url", "offsite_s3_access_key_id"]) {
      const variable = name.toUpperCase();
      expect(script).toContain(`create_secret ${name} ${variable}`);
      expect(workflow).toContain(`check ${name} ${variable}`);
    }
  });

  it("no step tells the user to create one of them by hand, and each is named once", () => {
    const steps = manual(r);
    expect(steps.filter((m) => m.includes("docker secret create"))).toEqual([]);
    for (const variable of ["BACKUP_VERIFY_DB_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "ALERTMANAGER_SLACK_WEBHOOK_URL"]) {
      expect(steps.filter((m) => m.startsWith(`${variable} holds `)), variable).toHaveLength(1);
    }
    expect(steps.filter((m) => m.includes("DEPLOY_SSH_PRIVATE_KEY"))).toHaveLength(1);
  });

  it("without env-to-secrets in the run, each transform says how to create its secrets", () => {
    const alone = runPreset(PRESETS["pre-first-client"].filter((id) => id !== "env-to-secrets"));
    expect(alone.extras.map((e) => e.path)).not.toContain("scripts/create-secrets.sh");
    const steps = manual(alone);
    expect(steps.some((m) => m.startsWith("create the Swarm secrets the verification reads") && m.includes("docker secret create backup_verify_db_password -"))).toBe(true);
    expect(steps.some((m) => m.startsWith("create the Docker secret grafana_admin_password"))).toBe(true);
    expect(steps.some((m) => m.startsWith("create the Docker secret alertmanager_slack_webhook_url"))).toBe(true);
  });

  it("a second run over the first one's output changes nothing and names no secret again", () => {
    const files = new Map(r.files.map((f) => [f.path, f.after]));
    const generated = new Map(r.extras.map((e) => [e.path, e.content]));
    const companion = r.extras.find((e) => e.role === "observability")?.content ?? r.files.find((f) => f.role === "observability")!.after;
    const again = runTransforms([{ path: "docker-compose.production.yml", text: files.get("docker-compose.production.yml")! }], PRESETS["pre-first-client"].map(getTransform), {
      companions: [{ role: "observability", path: "docker-compose.observability.yml", text: companion }],
      readFile: (file) => generated.get(file),
    });
    expect(again.files.filter((f) => f.before !== f.after)).toEqual([]);
    expect(again.extras.find((e) => e.path === "scripts/create-secrets.sh")?.content ?? script).toBe(script);
    expect(manual(again).filter((m) => / holds .* for the secret /.test(m))).toEqual([]);
  });
});
