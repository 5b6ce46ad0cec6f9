/**
 * Prometheus alert rules for filesystem usage, from node_exporter's `node_filesystem_*`
 * metrics. The expression is the one domain.md §4.2 derives from samber/awesome-prometheus-alerts
 * (`HostOutOfDiskSpace`: the fstype filter, `and on (instance, device, mountpoint)
 * node_filesystem_readonly == 0`) and the node-mixin (`job` selector, `mountpoint!=""`),
 * turned around to "percent used" so the thresholds read as the gate states them (80 / 90 %).
 */
export interface RuleOptions {
  /** The `job` label Prometheus gives the node_exporter targets. */
  job: string;
  warningPercent: number;
  criticalPercent: number;
  /** How long usage must stay above a threshold before the alert fires (`5m`). */
  for: string;
}

/** Filesystems that are not disks worth alerting on: network, memory and image layers. */
const FSTYPE_FILTER = 'fstype!~"^(fuse.*|tmpfs|cifs|nfs|overlay|squashfs)$"';

function usedPercentExpr(o: RuleOptions, threshold: number): string[] {
  const selector = `{job="${o.job}",${FSTYPE_FILTER},mountpoint!=""}`;
  return [
    "(",
    `  1 - node_filesystem_avail_bytes${selector}`,
    `    / node_filesystem_size_bytes${selector}`,
    `) * 100 > ${threshold}`,
    "and on (instance, device, mountpoint)",
    `node_filesystem_readonly{job="${o.job}"} == 0`,
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
    `# Evaluated on the targets of the Prometheus job "${o.job}"; load this file through rule_files.`,
    "groups:",
    "  - name: volume-disk-usage",
    "    rules:",
    ...rule(o, "VolumeDiskUsageWarning", "warning", o.warningPercent),
    ...rule(o, "VolumeDiskUsageCritical", "critical", o.criticalPercent),
  ];
  return lines.join("\n") + "\n";
}
