/**
 * mimir.yml for a stack that chose Mimir: one monolithic instance (`-target=all`, which runs the
 * ruler too) on the local filesystem, after grafana/intro-to-mltp `mimir/mimir.yaml`
 * (multitenancy off, replication factor 1, memberlist rings on 127.0.0.1). The ruler reads the
 * alert rules from files: `ruler_storage.backend: local` is Mimir's read-only store for
 * provisioning rules (Mimir docs "Configure Grafana Mimir object storage backend"), one folder
 * per tenant — `anonymous` when multitenancy is off — and one namespace per file. Alerts go to
 * the stack's Alertmanager. Mimir documents its filesystem backend as meant for testing; the
 * docs page says so, and a spec that chose Mimir keeps it.
 */
export const MIMIR_PORT = 9009;
export const MIMIR_RULES_DIR = "/etc/mimir/rules";
/** The tenant of every request when `multitenancy_enabled: false`. */
export const MIMIR_TENANT = "anonymous";

export function mimirConfig(o: { dataDir: string; retentionDays: number; alertmanager: string }): string {
  const d = o.dataDir.replace(/\/$/, "");
  return [
    "# Mimir configuration, written by compose-gate (transform observability).",
    "multitenancy_enabled: false",
    "",
    "server:",
    `  http_listen_port: ${MIMIR_PORT}`,
    "",
    "blocks_storage:",
    "  backend: filesystem",
    "  filesystem:",
    `    dir: ${d}/blocks`,
    "  bucket_store:",
    `    sync_dir: ${d}/tsdb-sync`,
    "  tsdb:",
    `    dir: ${d}/tsdb`,
    "",
    "compactor:",
    `  data_dir: ${d}/compactor`,
    "  sharding_ring:",
    "    kvstore:",
    "      store: memberlist",
    "",
    "distributor:",
    "  ring:",
    "    instance_addr: 127.0.0.1",
    "    kvstore:",
    "      store: memberlist",
    "",
    "ingester:",
    "  ring:",
    "    instance_addr: 127.0.0.1",
    "    kvstore:",
    "      store: memberlist",
    "    replication_factor: 1",
    "",
    "store_gateway:",
    "  sharding_ring:",
    "    replication_factor: 1",
    "",
    "# The alert rules: one file per namespace under <directory>/<tenant>/.",
    "ruler:",
    `  alertmanager_url: http://${o.alertmanager}:9093`,
    `  rule_path: ${d}/ruler`,
    "ruler_storage:",
    "  backend: local",
    "  local:",
    `    directory: ${MIMIR_RULES_DIR}`,
    "",
    "limits:",
    `  compactor_blocks_retention_period: ${o.retentionDays}d`,
    "",
  ].join("\n");
}
