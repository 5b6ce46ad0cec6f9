/** Where the generated files go and what the stack calls them. */
import path from "node:path";

/**
 * The generated files, relative to the stack's folder, under the `configDir` option. No name looks
 * like a compose file (`compose*.yml`), so a folder search never takes one for a stack.
 */
export function files(configDir: string) {
  const at = (...parts: string[]) => path.posix.join(configDir, ...parts);
  return {
    prometheus: at("prometheus", "prometheus.yml"),
    mimir: at("mimir", "mimir.yml"),
    alertmanager: at("alertmanager", "alertmanager.yml"),
    loki: at("loki", "loki.yml"),
    tempo: at("tempo", "tempo.yml"),
    alloy: at("alloy", "logs.alloy"),
    alloyMetrics: at("alloy", "metrics.alloy"),
    datasources: at("grafana", "provisioning", "datasources", "datasources.yml"),
    dashboardProvider: at("grafana", "provisioning", "dashboards", "dashboards.yml"),
    volumeDashboard: at("grafana", "dashboards", "volume-usage.json"),
    postgresDashboard: at("grafana", "dashboards", "postgres.json"),
  };
}

/** A top-level `configs:` key for a rule file: `rules_volume_usage` for `…/volume-usage.yml`. */
export function ruleConfigKey(file: string): string {
  return `rules_${path.posix.basename(file).replace(/\.ya?ml$/, "").replace(/[^a-zA-Z0-9]+/g, "_")}`;
}

export const SECRETS = {
  grafana: "grafana_admin_password",
  slack: "alertmanager_slack_webhook_url",
  email: "alertmanager_smtp_password",
} as const;
