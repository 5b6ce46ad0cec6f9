/**
 * prometheus.yml for the stack's own Prometheus: every exporter of the app stack scraped, every
 * rule file loaded from the folder the rule files are mounted into (a glob, so a rule file added
 * later is one more `configs:` entry and this file never changes), alerts sent to the stack's
 * Alertmanager. Intervals: Prometheus's documented defaults are 1m (`global.scrape_interval`,
 * docs "Configuration"); 30s halves the time to notice a filling disk at negligible cost.
 */
import type { ScrapeTarget } from "./scrape-targets.js";

export const PROMETHEUS_PORT = 9090;
export const PROMETHEUS_RULES_DIR = "/etc/prometheus/rules";

function job(t: ScrapeTarget): string[] {
  return t.perTask
    ? [`  - job_name: ${t.job}`, "    dns_sd_configs:", `      - names: [tasks.${t.service}]`, "        type: A", `        port: ${t.port}`]
    : [`  - job_name: ${t.job}`, "    static_configs:", `      - targets: ["${t.service}:${t.port}"]`];
}

export function prometheusConfig(o: { targets: ScrapeTarget[]; alertmanager: string }): string {
  return [
    "# Prometheus configuration, written by compose-gate (transform observability).",
    "global:",
    "  scrape_interval: 30s",
    "  evaluation_interval: 30s",
    "",
    "alerting:",
    "  alertmanagers:",
    "    - static_configs:",
    `        - targets: ["${o.alertmanager}:9093"]`,
    "",
    "# Every rule file mounted here is loaded (volume usage, backup freshness, …).",
    "rule_files:",
    `  - ${PROMETHEUS_RULES_DIR}/*.yml`,
    "",
    "scrape_configs:",
    "  - job_name: prometheus",
    "    static_configs:",
    `      - targets: ["localhost:${PROMETHEUS_PORT}"]`,
    ...o.targets.flatMap(job),
    "",
  ].join("\n");
}
