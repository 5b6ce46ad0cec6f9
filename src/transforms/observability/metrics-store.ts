/**
 * The metrics store and what feeds it: Prometheus scraping the app stack's exporters and
 * evaluating every rule file, or — in a stack that chose Mimir — Mimir's ruler evaluating the
 * rule files and a single-task Alloy scraping into Mimir. Either way alerts go to the stack's
 * Alertmanager.
 */
import path from "node:path";
import { IMAGES } from "./components.js";
import { alloyMetricsConfig } from "./configs/alloy.js";
import { MIMIR_PORT, MIMIR_RULES_DIR, MIMIR_TENANT, mimirConfig } from "./configs/mimir.js";
import { PROMETHEUS_PORT, PROMETHEUS_RULES_DIR, prometheusConfig } from "./configs/prometheus.js";
import type { ScrapeTarget } from "./configs/scrape-targets.js";
import { ruleConfigKey } from "./names.js";
import { addService, changed, declareVolume, grantFile, limit, networksFor, refused, type Run } from "./run.js";
import { appendArgs, configTargets, dataDir, flagValue, relativeTo } from "./service-edits.js";

/** The URL Grafana queries. */
export function metricsUrl(run: Run): string {
  return run.store === "mimir" ? `http://${run.names.get("mimir")}:${MIMIR_PORT}/prometheus` : `http://${run.names.get("prometheus")}:${PROMETHEUS_PORT}`;
}

function grantRules(run: Run, service: string, dir: string, ruleFiles: string[]): void {
  for (const file of ruleFiles) {
    const target = path.posix.join(dir, path.posix.basename(file));
    if (configTargets(run.doc, service).has(target)) continue;
    const key = ruleConfigKey(file);
    if (!run.doc.has(["configs", key])) run.doc.set(["configs", key], { file: relativeTo(run.doc, file) });
    run.doc.append(["services", service, "configs"], { source: key, target });
    changed(run, service, `loads the alert rules of ${file} (at ${target})`);
  }
}

function prometheusCommand(run: Run, data: string): string[] {
  return [
    "--config.file=/etc/prometheus/prometheus.yml",
    `--storage.tsdb.path=${data}`,
    `--storage.tsdb.retention.time=${run.o.retentionDays}d`,
    `--storage.tsdb.retention.size=${run.o.metricsRetentionSize}`,
  ];
}

function prometheus(run: Run, targets: ScrapeTarget[], ruleFiles: string[]): void {
  const existing = run.names.get("prometheus");
  const name = existing ?? "prometheus";
  if (!existing) {
    run.names.set("prometheus", name);
    addService(
      run,
      name,
      {
        image: IMAGES.prometheus,
        command: prometheusCommand(run, "/prometheus"),
        volumes: ["prometheus-data:/prometheus"],
        networks: networksFor(run, true),
      },
      `scrapes the exporters, evaluates the alert rules, keeps ${run.o.retentionDays} days (at most ${run.o.metricsRetentionSize})`,
    );
    declareVolume(run, "prometheus-data");
  }
  const wired = configTargets(run.doc, name).has("/etc/prometheus/prometheus.yml");
  const own = flagValue(run.doc, name, "config.file");
  if (!wired && own && own !== "/etc/prometheus/prometheus.yml") {
    refused(run, name, `reads its own configuration (${own}): add the scrape jobs and ${PROMETHEUS_RULES_DIR}/*.yml under rule_files there`);
    limit(run, name, "prometheus");
    return;
  }
  if (!wired && existing && run.doc.get(["services", name, "command"]) === undefined) {
    appendArgs(run.doc, name, prometheusCommand(run, dataDir(run.doc, name) ?? "/prometheus"));
    changed(run, name, `keeps ${run.o.retentionDays} days of metrics, at most ${run.o.metricsRetentionSize}`);
  }
  const content = prometheusConfig({ targets, alertmanager: run.names.get("alertmanager")! });
  if (grantFile(run, name, { key: "prometheus_config", file: run.files.prometheus, target: "/etc/prometheus/prometheus.yml", content, description: "Prometheus configuration: scrape jobs, rule files, Alertmanager" })) {
    changed(run, name, `scrapes ${targets.map((t) => `${t.job} (${t.perTask ? `tasks.${t.service}` : t.service})`).join(", ") || "itself only"}`);
  }
  grantRules(run, name, PROMETHEUS_RULES_DIR, ruleFiles);
  limit(run, name, "prometheus");
}

function mimir(run: Run, targets: ScrapeTarget[], ruleFiles: string[]): void {
  const existing = run.names.get("mimir");
  const name = existing ?? "mimir";
  if (!existing) {
    run.names.set("mimir", name);
    addService(run, name, { image: IMAGES.mimir, command: ["-target=all"], volumes: ["mimir-data:/data"], networks: networksFor(run, false) }, "stores metrics; its ruler evaluates the alert rules");
    declareVolume(run, "mimir-data");
  }
  const wired = configTargets(run.doc, name).has("/etc/mimir/mimir.yml");
  const own = flagValue(run.doc, name, "config.file");
  if (!wired && own) {
    refused(run, name, `reads its own configuration (${own}): point its ruler at the rule files (ruler_storage) and its alertmanager_url at the stack's Alertmanager there`);
  } else if (!wired) {
    const data = dataDir(run.doc, name) ?? "/data";
    const content = mimirConfig({ dataDir: data, retentionDays: run.o.retentionDays, alertmanager: run.names.get("alertmanager")! });
    if (!appendArgs(run.doc, name, ["-config.file=/etc/mimir/mimir.yml"])) {
      refused(run, name, "its command is one string: compose-gate cannot add -config.file=/etc/mimir/mimir.yml to it safely");
    } else {
      grantFile(run, name, { key: "mimir_config", file: run.files.mimir, target: "/etc/mimir/mimir.yml", content, description: "Mimir configuration: storage under its volume, ruler reading the rule files, alerts to Alertmanager" });
      changed(run, name, `reads ${run.files.mimir}: data under ${data}, ${run.o.retentionDays} days kept, its ruler loads the alert rules and alerts Alertmanager`);
    }
  }
  grantRules(run, name, path.posix.join(MIMIR_RULES_DIR, MIMIR_TENANT), ruleFiles);
  limit(run, name, "mimir");
  alloyMetrics(run, targets);
}

function alloyMetrics(run: Run, targets: ScrapeTarget[]): void {
  const name = run.names.get("alloy-metrics") ?? "alloy-metrics";
  if (!run.names.has("alloy-metrics")) {
    run.names.set("alloy-metrics", name);
    addService(
      run,
      name,
      {
        image: IMAGES.alloy,
        command: ["run", "--server.http.listen-addr=0.0.0.0:12345", "--storage.path=/var/lib/alloy/data", "/etc/alloy/config.alloy"],
        networks: networksFor(run, true),
      },
      `scrapes ${targets.map((t) => t.job).join(", ") || "nothing yet"} once and writes to ${run.names.get("mimir")}`,
    );
  }
  const content = alloyMetricsConfig({ mimir: run.names.get("mimir")!, targets });
  grantFile(run, name, { key: "alloy_metrics_config", file: run.files.alloyMetrics, target: "/etc/alloy/config.alloy", content, description: "Alloy configuration: scrape the exporters, remote-write to Mimir" });
  limit(run, name, "alloy-metrics");
}

export function metricsStore(run: Run, targets: ScrapeTarget[], ruleFiles: string[]): void {
  if (run.store === "mimir") mimir(run, targets, ruleFiles);
  else prometheus(run, targets, ruleFiles);
}
