/**
 * The metrics the generated dashboards query, each with where the deployed exporter defines it,
 * so a dashboard never draws an empty panel for a metric that does not exist. The tests read
 * every query of every dashboard and require each metric it names to be listed here.
 *
 * - node_exporter v1.12.1 (`quay.io/prometheus/node-exporter:v1.12.1`, what the node-exporter
 *   transform deploys): `collector/filesystem_common.go` builds `node_filesystem_<name>` from the
 *   `filesystem` subsystem, labels device, mountpoint, fstype, device_error.
 * - postgres_exporter v0.20.1 (`quay.io/prometheuscommunity/postgres-exporter:v0.20.1`, what the
 *   postgres-exporter transform deploys), namespace `pg`: `exporter/postgres_exporter.go` (`up`),
 *   and the collectors enabled by default: `collector/pg_stat_database.go` (subsystem
 *   `stat_database`, labels datid, datname), `collector/pg_database.go` (`database`, label
 *   datname), `collector/pg_setting.go` (`settings`: one gauge per numeric server setting).
 */
export const EXPORTED_METRICS: Record<string, string> = {
  node_filesystem_avail_bytes: "node_exporter v1.12.1 collector/filesystem_common.go",
  node_filesystem_size_bytes: "node_exporter v1.12.1 collector/filesystem_common.go",
  pg_up: "postgres_exporter v0.20.1 exporter/postgres_exporter.go",
  pg_stat_database_numbackends: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_stat_database_xact_commit: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_stat_database_xact_rollback: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_stat_database_blks_hit: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_stat_database_blks_read: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_stat_database_deadlocks: "postgres_exporter v0.20.1 collector/pg_stat_database.go",
  pg_database_size_bytes: "postgres_exporter v0.20.1 collector/pg_database.go",
  pg_settings_max_connections: "postgres_exporter v0.20.1 collector/pg_setting.go (server setting max_connections)",
};
