/**
 * The observability transform against the real tools: every stack it writes or finishes loads
 * with `docker stack config`, every config file a stack names exists, the Prometheus config
 * passes `promtool check config` with the rule files it loads, every rule file passes `promtool
 * check rules`, `alertmanager.yml` passes `amtool check-config`, and every dashboard parses and
 * queries only metrics the deployed exporters export. Also: the options, the refusals, and a spec
 * that already has everything left byte for byte.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import observability from "../../src/transforms/observability.js";
import { DATASOURCE_UIDS } from "../../src/transforms/observability/configs/grafana.js";
import { EXPORTED_METRICS } from "../../src/transforms/observability/dashboards/metrics.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { repoRoot, yaml } from "../_utils.js";
import { amtoolCheckConfig, inFolder, need, promtoolCheckConfig, promtoolCheckRules } from "../support/tools.js";
import { undocumentedOptions } from "./gate-helpers.js";

const busflow = (file: string) => readFileSync(path.join(repoRoot, "examples/busflow", file), "utf8");
const app = { path: "docker-compose.production.yml", text: busflow("docker-compose.production.yml") };
const spec = { role: "observability" as const, path: "docker-compose.observability.yml", text: busflow("docker-compose.observability.yml") };
const preset = () => PRESETS["pre-first-client"].map(getTransform);

/** Every file of the project after `--write`: changed compose files and extra files, by path. */
function written(result: RunResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of result.files) out[f.path] = f.after;
  for (const e of result.extras) out[e.path] = e.content;
  return out;
}

const runs = {
  "Busflow spec with Mimir, whole preset": () => runTransforms([app], preset(), { companions: [spec] }),
  "Busflow without a spec, whole preset": () => runTransforms([app], preset()),
  "a compose project, email receiver": () =>
    runTransforms(
      [{ path: "compose.yml", text: "services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\nvolumes:\n  pgdata:\n" }],
      ["node-exporter", "observability"].map(getTransform),
      {
        options: {
          observability: { target: "compose", receiver: "email", emailTo: "ops@example.com", emailFrom: "am@example.com", smtpSmarthost: "smtp.example.com:587", smtpUsername: "am@example.com" },
          "node-exporter": { target: "compose" },
        },
      },
    ),
};

/** The observability stack's compose file among the written files. */
function stackOf(result: RunResult): { path: string; text: string } {
  const f = result.files.find((r) => r.role === "observability") ?? result.extras.find((e) => e.role === "observability");
  if (!f) throw new Error("no observability stack in the run");
  return { path: f.path, text: "after" in f ? f.after : f.content };
}

/** The file behind each `configs:` entry the stack grants, with its target in the container. */
function grantedFiles(result: RunResult): { file: string; target: string; text: string | undefined }[] {
  const stack = stackOf(result);
  const model = parseCompose(stack.text).toJS() as Record<string, any>;
  const files = written(result);
  const out: { file: string; target: string; text: string | undefined }[] = [];
  for (const def of Object.values<any>(model.services)) {
    for (const grant of def.configs ?? []) {
      const file = path.posix.normalize(path.posix.join(path.posix.dirname(stack.path), model.configs[grant.source].file));
      out.push({ file, target: grant.target, text: files[file] });
    }
  }
  return out;
}

describe("observability: options", () => {
  it("gives every option a description and a default", () => {
    expect(undocumentedOptions(observability)).toEqual([]);
  });

  it("documents every option in docs/transforms/observability.md", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/transforms/observability.md"), "utf8");
    for (const key of Object.keys(observability.options.shape)) expect(doc, key).toContain(`\`${key}\``);
  });

  it("asks for every email setting when the receiver is email", () => {
    expect(() => runTransforms([app], [observability], { options: { observability: { receiver: "email", emailTo: "ops@example.com" } } })).toThrow(/emailFrom, smtpSmarthost and smtpUsername/);
  });
});

for (const [name, make] of Object.entries(runs)) {
  describe(`observability, real checks: ${name}`, () => {
    const result = make();
    const files = written(result);

    it("names only config files the run writes or the project holds", () => {
      const missing = grantedFiles(result).filter((g) => g.text === undefined).map((g) => g.file);
      expect(missing).toEqual([]);
    });

    it("writes stacks docker stack config accepts, the app stack and the observability stack", (ctx) => {
      need(ctx, "docker");
      const stack = stackOf(result);
      const appFile = result.files.find((f) => !f.role)!;
      for (const file of [appFile.path, stack.path]) {
        // Each stack is deployed on its own, in a folder holding every file the run wrote.
        const verdict = inFolder(files, "docker", ["stack", "config", "-c", file]);
        expect(verdict.ok, `${file}: ${verdict.stderr}`).toBe(true);
      }
    });

    it("writes a Prometheus config promtool accepts with the rule files it loads, or a Mimir ruler folder of rule files", (ctx) => {
      const granted = grantedFiles(result);
      const prometheus = granted.find((g) => g.target === "/etc/prometheus/prometheus.yml");
      const rules = granted.filter((g) => /\/rules\//.test(g.target));
      expect(rules.map((r) => path.posix.basename(r.target))).toContain("volume-usage.yml");
      if (!prometheus) {
        // Mimir's local ruler store: <directory>/<tenant>/<namespace file>, tenant `anonymous`.
        for (const r of rules) expect(r.target).toMatch(/^\/etc\/mimir\/rules\/anonymous\/[^/]+\.yml$/);
        return;
      }
      need(ctx, "promtool");
      const relative = prometheus.text!.replace("/etc/prometheus/rules/", "rules/");
      const ruleFiles = Object.fromEntries(rules.map((r) => [`rules/${path.posix.basename(r.target)}`, r.text!]));
      const verdict = promtoolCheckConfig(relative, ruleFiles);
      expect(verdict.ok, verdict.stdout + verdict.stderr).toBe(true);
      expect(verdict.stdout + verdict.stderr).toContain("SUCCESS: 2 rules found");
    });

    it("loads only rule files promtool check rules accepts", (ctx) => {
      need(ctx, "promtool");
      for (const r of grantedFiles(result).filter((g) => /\/rules\//.test(g.target))) {
        const verdict = promtoolCheckRules(r.text!);
        expect(verdict.ok, `${r.file}: ${verdict.stdout}${verdict.stderr}`).toBe(true);
      }
    });

    it("writes an alertmanager.yml amtool accepts, its credential read from a secret file", (ctx) => {
      const config = grantedFiles(result).find((g) => g.target === "/etc/alertmanager/alertmanager.yml")!;
      expect(config.text).toMatch(/(api_url_file|smtp_auth_password_file): \/run\/secrets\//);
      need(ctx, "amtool");
      const verdict = amtoolCheckConfig(config.text!);
      expect(verdict.ok, verdict.stdout + verdict.stderr).toBe(true);
    });

    it("provisions dashboards that parse and query only metrics the deployed exporters export, from the provisioned data source", () => {
      const dashboards = grantedFiles(result).filter((g) => g.target.endsWith(".json"));
      expect(dashboards.map((d) => path.posix.basename(d.target)).sort()).toEqual(["postgres.json", "volume-usage.json"]);
      const datasources = grantedFiles(result).find((g) => g.target.endsWith("/datasources/compose-gate.yml"))!.text!;
      for (const uid of Object.values(DATASOURCE_UIDS)) expect(datasources).toContain(`uid: ${uid}`);
      for (const d of dashboards) {
        const json = JSON.parse(d.text!) as { panels: { datasource: { uid: string }; targets: { expr: string; datasource: { uid: string } }[] }[] };
        expect(json.panels.length).toBeGreaterThan(0);
        for (const p of json.panels) {
          expect(p.datasource.uid).toBe(DATASOURCE_UIDS.metrics);
          for (const t of p.targets) {
            expect(t.datasource.uid).toBe(DATASOURCE_UIDS.metrics);
            const named = metricNames(t.expr);
            expect(named.length, t.expr).toBeGreaterThan(0);
            for (const m of named) expect(EXPORTED_METRICS, `${m} in ${d.file}`).toHaveProperty(m);
          }
        }
      }
    });

    it("never writes a literal secret value into a file it generates", () => {
      const all = result.extras.map((e) => e.content).join("\n");
      for (const s of result.secrets) if (s.length >= 4) expect(all.includes(s) ? s : "").toBe("");
    });
  });
}

/**
 * The metric names a PromQL expression selects: what is left of it once label matchers, range
 * selectors, `by (…)` lists, function calls' names, operators and numbers are taken out.
 */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names: string[] = [];
  for (const m of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(\s*\()?/g)) {
    if (m[1] || /^(and|or|unless|bool|offset)$/.test(m[0])) continue;
    names.push(m[0]);
  }
  return names;
}

describe("observability: the metric-name reader the dashboard check relies on", () => {
  it("finds the metrics of a query and nothing else", () => {
    expect(metricNames('sum by (instance) (rate(pg_stat_database_blks_hit{job="postgres"}[5m])) / pg_up')).toEqual(["pg_stat_database_blks_hit", "pg_up"]);
    expect(metricNames('100 * (1 - node_filesystem_avail_bytes{job="node",fstype!~"^(tmpfs)$"} / node_filesystem_size_bytes{job="node"})')).toEqual([
      "node_filesystem_avail_bytes",
      "node_filesystem_size_bytes",
    ]);
  });
});

describe("observability: finishing a spec", () => {
  it("keeps the spec's services, images, comments and Mimir", () => {
    const result = runTransforms([app], preset(), { companions: [spec] });
    const after = result.files.find((f) => f.role === "observability")!.after;
    for (const line of spec.text.split("\n").filter((l) => l.startsWith("#") || /image:/.test(l))) expect(after).toContain(line);
    const services = Object.keys((parseCompose(after).toJS() as any).services);
    expect(services).toEqual(expect.arrayContaining(["mimir", "loki", "tempo", "grafana", "alertmanager", "alloy", "alloy-metrics"]));
    expect(services).not.toContain("prometheus");
  });

  it("leaves a spec that already has everything byte for byte, and writes no file", () => {
    const first = runTransforms([app], preset(), { companions: [spec] });
    const files = written(first);
    const again = runTransforms(
      [{ path: app.path, text: files[app.path] }],
      [observability],
      { companions: [{ ...spec, text: files[spec.path] }], readFile: (p) => files[p] },
    );
    expect(again.files.map((f) => f.after === f.before)).toEqual([true, true]);
    expect(again.extras.map((e) => e.path)).toEqual([]);
  });

  it("refuses to double monitoring that lives in the app stack", () => {
    const text = yaml`
      services:
        prometheus:
          image: prom/prometheus:v3.14.0
        node-exporter:
          image: prom/node-exporter:v1.9.1
    `;
    const result = runTransforms([{ path: "compose.yml", text }], [observability]);
    expect(result.extras).toEqual([]);
    expect(result.findings.map((f) => `${f.kind} ${f.message}`)).toEqual([
      "refusal the stack runs its own metrics store (prometheus): no observability stack added; load the alert rules and scrape the exporters there",
    ]);
  });

  it("refuses to name a network in a file whose version predates network names", () => {
    const text = 'version: "3"\nservices:\n  node-exporter:\n    image: prom/node-exporter:v1.9.1\n';
    const result = runTransforms([{ path: "compose.yml", text }], [observability]);
    expect(result.files[0].after).toBe(text);
    expect(result.findings[0]).toMatchObject({ kind: "refusal", message: expect.stringMatching(/version "3", which predates network names \(3\.5\)/) });
  });
});

describe("observability: Grafana's plain admin password", () => {
  const companion = (environment: string) => ({
    role: "observability" as const,
    path: "docker-compose.observability.yml",
    text: `x-env: &env\n  GF_SECURITY_ADMIN_PASSWORD: changeme-0a1b\n  TZ: UTC\nservices:\n  grafana:\n    image: grafana/grafana:11.4.0\n${environment}  other:\n    image: busybox:1.37\n    environment:\n      <<: *env\n`,
  });

  it("is moved into the secret when the service writes it", () => {
    const result = runTransforms([app], [observability], { companions: [companion("    environment:\n      GF_SECURITY_ADMIN_PASSWORD: changeme-0a1b\n")] });
    const after = result.files.find((f) => f.role === "observability")!.after;
    expect(after).toContain("GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password");
    expect(after).not.toMatch(/grafana:[\s\S]*GF_SECURITY_ADMIN_PASSWORD: changeme[\s\S]*other:/);
    expect(result.findings.some((f) => f.kind === "manual" && /put the current admin password in that secret/.test(f.message))).toBe(true);
  });

  it("merged from an anchor other services share: refused, the anchor untouched, the rest of the stack still finished", () => {
    const given = companion("    environment:\n      <<: *env\n");
    const result = runTransforms([app], [observability], { companions: [given] });
    const after = result.files.find((f) => f.role === "observability")!.after;
    expect(after.startsWith("x-env: &env\n  GF_SECURITY_ADMIN_PASSWORD: changeme-0a1b\n")).toBe(true);
    expect(result.findings.some((f) => f.kind === "refusal" && /comes from the anchor &env/.test(f.message))).toBe(true);
    expect(after).toContain("alertmanager:");
    expect(after).not.toContain("GF_SECURITY_ADMIN_PASSWORD__FILE");
  });
});

describe("observability: what a Swarm deploy needs kept in mind", () => {
  it("names the immutable configs and the unpinned services that keep data", () => {
    const result = runTransforms([app], preset(), { companions: [spec] });
    const manual = result.findings.filter((f) => f.transform === "observability" && f.kind === "manual").map((f) => f.message);
    expect(manual.some((m) => /Swarm configs cannot change in place/.test(m))).toBe(true);
    expect(manual.find((m) => m.startsWith("pin "))).toMatch(/^pin mimir, loki, tempo, grafana/);
  });
});
