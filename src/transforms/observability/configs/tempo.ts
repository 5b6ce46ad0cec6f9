/**
 * tempo.yml: single-process Tempo on the local filesystem with the OTLP receivers (gRPC 4317,
 * HTTP 4318) bound to 0.0.0.0 — since Tempo 2.7.0 a receiver without an endpoint listens on
 * localhost only, unreachable from Alloy (grafana/intro-to-mltp `tempo/tempo.yaml` says so
 * next to its receivers). Block retention is set explicitly; Tempo's default is 336h (14 days).
 */
export const TEMPO_PORT = 3200;
export const OTLP_GRPC_PORT = 4317;
export const OTLP_HTTP_PORT = 4318;

export function tempoConfig(o: { dataDir: string; retentionHours: number }): string {
  const d = o.dataDir.replace(/\/$/, "");
  return [
    "# Tempo configuration, written by compose-gate (transform observability).",
    "server:",
    `  http_listen_port: ${TEMPO_PORT}`,
    "",
    "distributor:",
    "  receivers:",
    "    otlp:",
    "      protocols:",
    "        grpc:",
    `          endpoint: "0.0.0.0:${OTLP_GRPC_PORT}"`,
    "        http:",
    `          endpoint: "0.0.0.0:${OTLP_HTTP_PORT}"`,
    "",
    "compactor:",
    "  compaction:",
    `    block_retention: ${o.retentionHours}h`,
    "",
    "storage:",
    "  trace:",
    "    backend: local",
    "    wal:",
    `      path: ${d}/wal`,
    "    local:",
    `      path: ${d}/blocks`,
    "",
  ].join("\n");
}
