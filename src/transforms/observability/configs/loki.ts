/**
 * loki.yml: single-process Loki on the local filesystem, after the configuration Grafana's demo
 * runs (grafana/intro-to-mltp `loki/loki.yaml`: tsdb index, schema v13, in-memory ring), with
 * retention turned on. Loki keeps logs forever by default: deletion happens only when the
 * compactor has `retention_enabled: true` and `limits_config.retention_period` is set, and
 * since Loki 3.0 the compactor also needs a `delete_request_store` (Loki docs "Log retention").
 * The logs live on the same disk the volume alerts watch, so retention is not optional here.
 */
export const LOKI_PORT = 3100;

export function lokiConfig(o: { dataDir: string; retentionHours: number }): string {
  const d = o.dataDir.replace(/\/$/, "");
  return [
    "# Loki configuration, written by compose-gate (transform observability).",
    "auth_enabled: false",
    "",
    "server:",
    `  http_listen_port: ${LOKI_PORT}`,
    "",
    "common:",
    "  instance_addr: 127.0.0.1",
    `  path_prefix: ${d}`,
    "  storage:",
    "    filesystem:",
    `      chunks_directory: ${d}/chunks`,
    `      rules_directory: ${d}/rules`,
    "  replication_factor: 1",
    "  ring:",
    "    kvstore:",
    "      store: inmemory",
    "",
    "schema_config:",
    "  configs:",
    "    - from: 2024-01-01",
    "      store: tsdb",
    "      object_store: filesystem",
    "      schema: v13",
    "      index:",
    "        prefix: index_",
    "        period: 24h",
    "",
    "# Without these, Loki never deletes a log line.",
    "compactor:",
    `  working_directory: ${d}/compactor`,
    "  retention_enabled: true",
    "  delete_request_store: filesystem",
    "",
    "limits_config:",
    `  retention_period: ${o.retentionHours}h`,
    "",
  ].join("\n");
}
