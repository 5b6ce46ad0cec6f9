/**
 * Grafana provisioning (Grafana docs "Provision Grafana"): the data sources with fixed `uid`s,
 * so dashboards can name them — an exported dashboard's `${DS_PROMETHEUS}` input is never
 * resolved under file provisioning ("Datasource … was not found", grafana/grafana#10786) — and
 * one file provider for the dashboards compose-gate generates. The provider path is where the
 * dashboards are mounted as configs; `disableDeletion` and `editable: false` keep a change made
 * in the UI from drifting away from the files under review.
 */
export const GRAFANA_PORT = 3000;
export const DATASOURCE_UIDS = { metrics: "metrics", loki: "loki", tempo: "tempo" } as const;
export const PROVISIONING_DIR = "/etc/grafana/provisioning";
export const DASHBOARDS_DIR = "/etc/grafana/dashboards/compose-gate";

export interface DatasourceUrls {
  /** `prometheus` or `mimir`: the data source's display name says which. */
  store: "prometheus" | "mimir";
  metrics: string;
  loki: string;
  tempo: string;
}

export function datasources(o: DatasourceUrls): string {
  return [
    "# Grafana data sources, written by compose-gate (transform observability).",
    "# The uids are fixed: the provisioned dashboards refer to them.",
    "apiVersion: 1",
    "datasources:",
    `  - name: ${o.store === "mimir" ? "Mimir" : "Prometheus"}`,
    "    type: prometheus",
    `    uid: ${DATASOURCE_UIDS.metrics}`,
    "    access: proxy",
    `    url: ${o.metrics}`,
    "    isDefault: true",
    "    jsonData:",
    "      httpMethod: POST",
    "  - name: Loki",
    "    type: loki",
    `    uid: ${DATASOURCE_UIDS.loki}`,
    "    access: proxy",
    `    url: ${o.loki}`,
    "  - name: Tempo",
    "    type: tempo",
    `    uid: ${DATASOURCE_UIDS.tempo}`,
    "    access: proxy",
    `    url: ${o.tempo}`,
    "    jsonData:",
    "      tracesToLogsV2:",
    `        datasourceUid: ${DATASOURCE_UIDS.loki}`,
    "",
  ].join("\n");
}

export function dashboardProvider(): string {
  return [
    "# Grafana dashboard provider, written by compose-gate (transform observability).",
    "apiVersion: 1",
    "providers:",
    "  - name: compose-gate",
    "    folder: compose-gate",
    "    type: file",
    "    disableDeletion: true",
    "    editable: false",
    "    options:",
    `      path: ${DASHBOARDS_DIR}`,
    "",
  ].join("\n");
}
