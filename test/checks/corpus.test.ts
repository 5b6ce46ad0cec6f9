/**
 * Every check over the real-world corpus (read at run time, never copied here): nothing
 * throws, the findings per file and rule are pinned in __corpus__.txt (rewrite with
 * UPDATE_GOLDEN=1 and review the diff), known findings are where they should be, no literal
 * secret reaches a message, and the Swarm error rules agree with `docker stack config`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ComposeSyntaxError } from "../../src/document/errors.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { runChecks, type CheckFinding } from "../../src/checks/index.js";
import { eachVariable } from "../../src/interpolation/query.js";
import { tokenize } from "../../src/interpolation/tokenize.js";
import { stringValues } from "../../src/checks/shared/model.js";
import { literalSecretsIn } from "../../src/secrets/detect.js";
import { corpusFiles } from "../_utils.js";
import { dockerAvailable, stackConfig } from "./_helpers.js";

const snapshotPath = path.join(path.dirname(new URL(import.meta.url).pathname), "__corpus__.txt");
const files = corpusFiles();

interface Checked {
  name: string;
  text: string;
  project?: Project;
  findings: CheckFinding[];
  parseError?: string;
}

const checked: Checked[] = files.map(({ name, text }) => {
  try {
    const project = new Project([parseCompose(text, { filename: name })]);
    return { name, text, project, findings: runChecks(project).findings };
  } catch (error) {
    if (error instanceof ComposeSyntaxError) return { name, text, findings: [], parseError: error.diagnostics[0].code };
    throw error;
  }
});

function summary(c: Checked): string {
  if (c.parseError) return `${c.name}\n  (not parsed: ${c.parseError})\n`;
  const byRule = new Map<string, Record<string, number>>();
  for (const f of c.findings) {
    const counts = byRule.get(f.ruleId) ?? {};
    counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    byRule.set(f.ruleId, counts);
  }
  const rows = [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b));
  const body = rows.map(([rule, counts]) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const split = ["error", "warning", "info"].filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(", ");
    return `  ${rule.padEnd(30)} ${String(total).padStart(3)}  (${split})`;
  });
  return `${c.name}\n${body.length ? body.join("\n") : "  (no findings)"}\n`;
}

function find(name: string, rule: string): CheckFinding[] {
  return checked.find((c) => c.name === name)?.findings.filter((f) => f.ruleId === rule) ?? [];
}

describe.skipIf(files.length === 0)("check over the real-world corpus", () => {
  it("pins the findings per file and rule", () => {
    const text = `# compose-gate check: findings per corpus file and rule (UPDATE_GOLDEN=1 rewrites this file)\n\n${checked.map(summary).join("\n")}`;
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(snapshotPath)) writeFileSync(snapshotPath, text);
    expect(text).toBe(readFileSync(snapshotPath, "utf8"));
  });

  it("finds what is known to be there", () => {
    expect(find("docker__awesome-compose__nginx-golang-postgres__compose.yaml", "swarm/depends-on-condition").map((f) => `${f.line}:${f.column} ${f.service}`)).toEqual(["8:5 backend"]);
    expect(find("langfuse__langfuse__docker-compose.dev.yml", "swarm/profiles").length).toBeGreaterThan(0);
    expect(find("AppFlowy-IO__AppFlowy-Cloud__docker-compose.yml", "gate/minio").map((f) => f.service)).toEqual(["minio"]);
    expect(find("langfuse__langfuse__docker-compose.yml", "gate/minio").map((f) => f.service)).toEqual(["minio"]);
    expect(find("docker__awesome-compose__react-rust-postgres__compose.yaml", "swarm/top-level-name").map((f) => `${f.line}:${f.column}`)).toEqual(["1:1"]);
    expect(find("supabase__supabase__docker__docker-compose.s3.yml", "swarm/value-type").map((f) => f.message)).toEqual([
      'Service "storage": docker stack deploy rejects the boolean true for environment.GLOBAL_S3_FORCE_PATH_STYLE (the v3 schema allows strings and numbers there); quote it: "true"',
    ]);
    expect(find("databricks__docker-spark-iceberg__flink-example__docker-compose.yml", "swarm/rejected-key").map((f) => `${f.service} ${f.message.split(" rejects ")[1].split(" ")[0]}`)).toEqual(["flink-taskmanager scale"]);
    // seaweedfs is not MinIO: a negative case for MinIO removal (MANIFEST.notes.md).
    expect(find("getsentry__self-hosted__docker-compose.yml", "gate/minio")).toEqual([]);
    expect(find("BretFisher__udemy-docker-mastery__swarm-secrets-assignment-1__answer__docker-compose.yml", "gate/plaintext-secret")).toEqual([]);
  });

  it("never puts a literal secret value in a message", () => {
    let compared = 0;
    for (const c of checked) {
      if (!c.project) continue;
      const messages = c.findings.map((f) => f.message).join("\n");
      const services = new Set(c.project.services());
      for (const service of services) {
        for (const entry of c.project.docs[0].env(service)) {
          for (const secret of literalSecretsIn(entry.name, entry.value)) {
            // Short values ("sentry", "docker") also spell service and image names.
            if (secret.length < 8 || services.has(secret)) continue;
            compared++;
            expect(messages, `${c.name}: ${entry.name}`).not.toContain(secret);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it.skipIf(!dockerAvailable)("reports a Swarm error exactly when docker stack config rejects the file", () => {
    for (const c of checked) {
      if (!c.project) continue;
      const result = stackConfig([{ name: "compose.yml", text: c.text }], stubEnvironment(c.project));
      // Failures the stub environment causes, or files next to the compose file, say nothing about the rules.
      if (!result.ok && /Does not match format|failed to cast|no such file or directory/.test(result.stderr)) continue;
      const errors = c.findings.filter((f) => f.ruleId.startsWith("swarm/") && f.severity === "error" && !NOT_LOAD_ERRORS.has(f.ruleId));
      expect(errors.length > 0, `${c.name}: docker says ${result.ok ? "ok" : result.stderr.split("\n")[0]}`).toBe(!result.ok);
    }
  });
});

/**
 * Swarm errors `docker stack config` cannot see: swarm/build's (no image to run) fails at
 * deploy time, and swarm/nested-interpolation's load fine with a value nobody wrote.
 */
const NOT_LOAD_ERRORS = new Set(["swarm/build", "swarm/nested-interpolation"]);

/** Every variable the file needs without a default, set to "1", so required variables do not stop the load. */
function stubEnvironment(project: Project): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { value } of stringValues(project.docs[0])) {
    eachVariable(tokenize(value).parts, (v) => {
      if (!v.operator || v.operator.includes("?")) env[v.name] = "1";
    });
  }
  return env;
}
