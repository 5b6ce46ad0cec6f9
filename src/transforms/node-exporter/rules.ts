/**
 * Prometheus alert rules for filesystem usage, from node_exporter's `node_filesystem_*`
 * metrics: the percent-used form of awesome-prometheus-alerts `HostOutOfDiskSpace` with the
 * node-mixin's selectors (`job`, `mountpoint!=""`), so the thresholds read as the gate states
 * them (80 / 90 %).
 *
 * Both sources also require `node_filesystem_readonly == 0`. These rules do not, on purpose:
 * under Swarm node_exporter runs without `pid: host` and reads its own container's mount table,
 * where every host filesystem is seen through the read-only `/host` bind; since v1.12.0 it
 * reports `node_filesystem_readonly 1` for each of them (prometheus/node_exporter#3755, the
 * per-mount check in `collector/filesystem_linux.go`), and a full disk would never alert. The
 * filesystems the read-only test was there to silence (images, snaps, CD-ROMs, always 100 %
 * "used") are left out by type instead, which holds for every node_exporter version.
 */
export interface RuleOptions {
  /** The `job` label Prometheus gives the node_exporter targets. */
  job: string;
  warningPercent: number;
  criticalPercent: number;
  /** How long usage must stay above a threshold before the alert fires (`5m`). */
  for: string;
}

/**
 * Filesystems that are not disks worth alerting on: network and memory filesystems (APA's list),
 * image layers, and the read-only image formats that are always full (squashfs snaps, ISO 9660,
 * EROFS; node_exporter's default `fs-types-exclude` drops the last two, repeated here for
 * exporters started with other flags).
 */
export const FSTYPE_FILTER = 'fstype!~"^(fuse.*|tmpfs|ramfs|cifs|nfs4?|overlay|squashfs|iso9660|erofs)$"';

function usedPercentExpr(o: RuleOptions, threshold: number): string[] {
  const selector = `{job="${o.job}",${FSTYPE_FILTER},mountpoint!=""}`;
  return [
    "(",
    `  1 - node_filesystem_avail_bytes${selector}`,
    `    / node_filesystem_size_bytes${selector}`,
    `) * 100 > ${threshold}`,
  ];
}

function rule(o: RuleOptions, name: string, severity: string, threshold: number): string[] {
  return [
    `      - alert: ${name}`,
    "        expr: |",
    ...usedPercentExpr(o, threshold).map((line) => `          ${line}`),
    `        for: ${o.for}`,
    "        labels:",
    `          severity: ${severity}`,
    "        annotations:",
    `          summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is {{ printf "%.1f" $value }}% full'`,
    `          description: 'Device {{ $labels.device }} ({{ $labels.fstype }}) has been more than ${threshold}% used for ${o.for}.'`,
  ];
}

/** The rules file, as compose-gate writes it (LF line endings, final newline). */
export function volumeUsageRules(o: RuleOptions): string {
  const lines = [
    "# Filesystem usage alerts for node_exporter, written by compose-gate (transform node-exporter).",
    `# Warning above ${o.warningPercent} % used, critical above ${o.criticalPercent} % used, each for ${o.for}.`,
    `# Evaluated on the targets of the Prometheus job "${o.job}"; loaded by Prometheus (rule_files) or by Mimir's ruler.`,
    "# node_filesystem_readonly is not consulted: under Swarm every host filesystem reads as",
    "# read-only to node_exporter (prometheus/node_exporter#3755), and a full disk must still alert.",
    "groups:",
    "  - name: volume-disk-usage",
    "    rules:",
    ...rule(o, "VolumeDiskUsageWarning", "warning", o.warningPercent),
    ...rule(o, "VolumeDiskUsageCritical", "critical", o.criticalPercent),
  ];
  return lines.join("\n") + "\n";
}
