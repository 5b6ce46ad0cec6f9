/**
 * Gate item 5 (and what makes item 4's alerts real): the observability stack deployed next to
 * the app stack. An existing spec (`docker-compose.observability.yml`) is finished in place —
 * its services, images, comments and choices kept (a spec that chose Mimir keeps Mimir); a
 * project without one gets a new stack with Prometheus. Metrics store loading every alert rule
 * file, Alertmanager with one receiver, Loki with retention, Tempo with OTLP, Alloy shipping
 * every container's logs, Grafana with provisioned data sources and dashboards; configuration
 * files written beside it and granted as Swarm configs. See docs/transforms/observability.md.
 */
import path from "node:path";
import { ruleFiles } from "./shared/alert-rules.js";
import { deployTarget } from "./shared/stack.js";
import { defineTransform } from "./types.js";
import { alertmanager } from "./observability/alerting.js";
import { wireAppStack } from "./observability/app-stack.js";
import { componentsIn, type Component } from "./observability/components.js";
import { grafana } from "./observability/grafana.js";
import { alloy, loki, tempo } from "./observability/logs-traces.js";
import { metricsStore } from "./observability/metrics-store.js";
import { files } from "./observability/names.js";
import { observabilityOptions } from "./observability/options.js";
import type { Run } from "./observability/run.js";
import { networksOf } from "./observability/service-edits.js";
import { declareInCompanion } from "./observability/shared-network.js";
import { deployStep, dnsStep, secretSteps, swarmCareSteps } from "./observability/steps.js";
import { findTraefik } from "./observability/traefik.js";

function header(file: string, target: "swarm" | "compose"): string {
  const deploy = target === "swarm" ? `docker stack deploy -c ${path.posix.basename(file)} <app stack name>-obs` : `docker compose -f ${path.posix.basename(file)} -p <project name>-obs up -d`;
  return [
    "# Observability stack: metrics and alerts, logs, traces and dashboards for the app stack.",
    "# Written by compose-gate (transform observability); deployed on its own, after the app stack:",
    `# ${deploy}`,
    "services:",
    "",
  ].join("\n");
}

export default defineTransform({
  id: "observability",
  title: "Observability stack",
  summary: "Finish (or create) the observability stack: metrics store loading the alert rules, Alertmanager, Loki, Tempo, Alloy and provisioned Grafana",
  closes: "gate/observability",
  options: observabilityOptions,
  apply(ctx, o) {
    const target = deployTarget(ctx.project, o.target);
    const companion = ctx.project.companion("observability");
    const inApp = ctx.project.docs.flatMap((d) => [...componentsIn(d)].filter(([c]) => c === "prometheus" || c === "mimir").flatMap(([, s]) => s));
    if (!companion && inApp.length > 0) {
      // Monitoring that lives in the app stack itself (dockprom's layout) is not doubled by a second stack.
      ctx.refuse(`the stack runs its own metrics store (${inApp.join(", ")}): no observability stack added; load the alert rules and scrape the exporters there`);
      return;
    }
    if (!companion && ctx.readFile(o.file) !== undefined) {
      // Never a second stack over a spec this run was not given: finishing it needs it as the companion.
      ctx.refuse(`${o.file} exists but this run was not given it as the observability stack: run compose-gate on the stack's folder, which finishes it in place`);
      return;
    }
    const doc = companion ?? ctx.createCompanion("observability", o.file, header(o.file, target));
    const found = componentsIn(doc);
    const names = new Map<Component | "alloy-metrics", string>();
    for (const [component, services] of found) names.set(component, services[0]);
    // Of several Alloys, the one reading the Docker socket ships logs; another one scrapes.
    const alloys = found.get("alloy") ?? [];
    const reader = (s: string) => JSON.stringify(doc.get(["services", s, "volumes"]) ?? []).includes("docker.sock");
    const logs = alloys.find(reader) ?? alloys.find((s) => !reader(s) && alloys.length === 1);
    const scraper = alloys.find((s) => s !== logs);
    names.delete("alloy");
    if (logs) names.set("alloy", logs);
    if (scraper) names.set("alloy-metrics", scraper);
    // The store a spec runs wins over the option: a spec that chose Mimir keeps Mimir.
    const store = found.has("mimir") ? "mimir" : found.has("prometheus") ? "prometheus" : o.metricsStore;
    // New services join the network the spec's services share (Busflow: `observability`).
    const first = [...found.values()].flat()[0];
    const internal = first ? networksOf(doc, first).filter((n) => n !== o.network) : [];

    const app = wireAppStack(ctx, { network: o.network, target, jobs: { node: o.nodeJob, postgres: o.postgresJob } });
    const shared = declareInCompanion(doc, o.network);
    if (shared.added) ctx.change(`${doc.filename}: joins the network ${o.network} (external: the app stack declares it)`, { location: doc.locate(["networks", shared.key]) });

    const run: Run = { ctx, o, doc, target, store, files: files(o.configDir), internal, shared: shared.key, names };
    const rules = [...new Set([...ruleFiles(ctx).map((f) => f.path), ...o.ruleFiles.filter((f) => ctx.readFile(f) !== undefined)])];

    const secrets: string[] = [];
    const receiverSecret = alertmanager(run);
    if (receiverSecret) secrets.push(receiverSecret);
    metricsStore(run, app.targets, rules);
    loki(run);
    tempo(run);
    alloy(run);
    const g = grafana(run, ctx.project, app.network);
    if (g.secret) secrets.unshift(g.secret);

    secretSteps(run, secrets);
    if (g.published) dnsStep(run, g.published, findTraefik(ctx.project)!.service);
    if (doc.changed || secrets.length > 0) deployStep(run, app.network);
    if (doc.changed) swarmCareSteps(run);
  },
});
