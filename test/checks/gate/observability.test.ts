import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../../src/checks/index.js";
import { parseCompose } from "../../../src/document/compose-document.js";
import { Project } from "../../../src/project/project.js";
import { runTransforms } from "../../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../../src/transforms/registry.js";
import { repoRoot, yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

/** The app stack with its observability stack as a companion, checked for one rule. */
function withCompanion(app: string, obs: string) {
  const project = new Project([parseCompose(app, { filename: "app.yml" })], { companions: new Map([["observability", parseCompose(obs, { filename: "obs.yml" })]]) });
  return runChecks(project, { rules: ["gate/observability"] }).findings;
}

const app = "services:\n  db:\n    image: postgres:16.4\n";

describe("gate/observability", () => {
  it("reports every missing part of a stack that runs Postgres and has no observability stack", () => {
    const found = check(app, "gate/observability");
    expect(lines(found)).toEqual([
      "1:1 error No Alertmanager runs in the stack: alerts reach no one",
      "1:1 error No Grafana runs in the stack: no dashboards",
      "1:1 error No log pipeline in the stack: no Loki",
      "1:1 error No metrics store (Prometheus or Mimir) runs in the stack: the alert rules are evaluated nowhere",
    ]);
    expect(found[0].fix).toBe("observability");
  });

  it("says what a specced observability stack lacks, at the service concerned", () => {
    const obs = yaml`
      services:
        mimir:
          image: grafana/mimir:2.14.2
        loki:
          image: grafana/loki:3.3.2
        grafana:
          image: grafana/grafana:11.4.0
    `;
    expect(withCompanion(app, obs).map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      "obs.yml:1:1 No Alertmanager runs in the observability stack (obs.yml): alerts reach no one",
      'obs.yml:2:3 Service "mimir" loads no alert rule file: the volume alerts never fire',
      "obs.yml:4:3 No log pipeline in the observability stack (obs.yml): nothing ships the containers' logs to Loki (Grafana Alloy, Promtail, …)",
      'obs.yml:6:3 Service "grafana" provisions no data sources or dashboards',
    ]);
  });

  it("passes the stacks the observability transform finishes, and Busflow after the preset", () => {
    const dir = path.join(repoRoot, "examples/busflow");
    const production = { path: "docker-compose.production.yml", text: readFileSync(path.join(dir, "docker-compose.production.yml"), "utf8") };
    const spec = { role: "observability" as const, path: "docker-compose.observability.yml", text: readFileSync(path.join(dir, "docker-compose.observability.yml"), "utf8") };
    const result = runTransforms([production], PRESETS["pre-first-client"].map(getTransform), { companions: [spec] });
    const [appAfter, obsAfter] = result.files.map((f) => f.after);
    expect(withCompanion(production.text, spec.text).map((f) => f.message.split(":")[0])).toEqual([
      "No Alertmanager runs in the observability stack (obs.yml)",
      'Service "mimir" loads no alert rule file',
      "No log pipeline in the observability stack (obs.yml)",
      'Service "grafana" provisions no data sources or dashboards',
    ]);
    expect(withCompanion(appAfter, obsAfter)).toEqual([]);
  });

  it("counts monitoring that lives in the app stack, with a mounted config folder as possibly holding rules", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16.4
        prometheus:
          image: prom/prometheus:v3.14.0
          volumes: ["./prometheus:/etc/prometheus"]
        alertmanager:
          image: prom/alertmanager:v0.34.0
        loki:
          image: grafana/loki:3.6.3
        promtail:
          image: grafana/promtail:3.5.0
        grafana:
          image: grafana/grafana:12.3.1
          volumes: ["./grafana/provisioning:/etc/grafana/provisioning"]
    `;
    expect(check(text, "gate/observability")).toEqual([]);
  });

  it("leaves stacks without Postgres or exporters alone", () => {
    expect(check("services:\n  web:\n    image: nginx:1.27\n", "gate/observability")).toEqual([]);
  });
});
