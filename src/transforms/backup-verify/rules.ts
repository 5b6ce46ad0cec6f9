/**
 * Prometheus alert rules on the metrics the verification services write (script.ts): the
 * newest off-site dump's upload time and size, the last successful listing of the bucket, and
 * the times of the last passing and failing restore tests. Every value is a timestamp or a
 * size read from the bucket, not an age computed by the script, so a checker that stops still
 * leaves numbers that age — and Prometheus, not the checker, decides when they are too old.
 *
 * Files of a checker that moved to another node may linger there (the textfile volume is per
 * node): the rules take the newest value over all nodes (`max by (database)`), and compare
 * sizes only within one node's file, and only while that file is fresh.
 */

export interface RuleOptions {
  database: string;
  /** No dump newer than this many hours: critical. */
  maxAgeHours: number;
  /** The newest dump below this share of the previous ones' median: warning. */
  sizeDropPercent: number;
  /** Hours without a successful listing of the bucket before a warning. */
  checkStaleHours: number;
  /** Hours without a passing restore test before a warning. */
  restoreMaxAgeHours: number;
}

export const RUNBOOK = "https://github.com/compose-gate/compose-gate/blob/main/docs/runbooks/backup-verify.md";

/** A PromQL string literal. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

interface Rule {
  alert: string;
  expr: string[];
  for?: string;
  severity: "critical" | "warning";
  summary: string;
  description: string;
}

/** The text of one rule; annotations in single quotes, with `'` doubled as YAML wants it. */
function ruleLines(r: Rule): string[] {
  const single = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return [
    `      - alert: ${r.alert}`,
    "        expr: |",
    ...r.expr.map((line) => `          ${line}`),
    ...(r.for ? [`        for: ${r.for}`] : []),
    "        labels:",
    `          severity: ${r.severity}`,
    "        annotations:",
    `          summary: ${single(r.summary)}`,
    `          description: ${single(r.description)}`,
    `          runbook_url: ${RUNBOOK}#${r.alert.toLowerCase()}`,
  ];
}

export function backupRules(o: RuleOptions): string {
  const sel = `{database=${quoted(o.database)}}`;
  const hours = (h: number) => h * 3600;
  const ratio = o.sizeDropPercent / 100;
  const rules: Rule[] = [
    {
      alert: "OffsiteBackupTooOld",
      // max_over_time bridges scrape gaps: a missed scrape must not resolve and re-fire the alert.
      expr: [`time() - max by (database) (max_over_time(offsite_backup_newest_timestamp_seconds${sel}[1h])) > ${hours(o.maxAgeHours)}`],
      severity: "critical",
      summary: `No off-site dump of {{ $labels.database }} newer than ${o.maxAgeHours}h`,
      description:
        "The newest dump in the bucket was uploaded {{ $value | humanizeDuration }} ago (an age of decades means there is none). " +
        "The backup job has stopped uploading: check its log, its credentials and the bucket.",
    },
    {
      alert: "OffsiteBackupSizeDrop",
      expr: [
        `offsite_backup_newest_size_bytes${sel}`,
        `  < on (instance, database) ${ratio} * offsite_backup_previous_median_size_bytes${sel}`,
        "and on (instance, database)",
        `time() - offsite_backup_check_timestamp_seconds${sel} < ${hours(o.checkStaleHours)}`,
      ],
      severity: "warning",
      summary: `The newest off-site dump of {{ $labels.database }} is much smaller than the ones before it`,
      description:
        `The newest dump is {{ $value | humanize1024 }}B, less than ${o.sizeDropPercent} % of the median of the dumps before it. ` +
        "A table may be missing or emptied, or the dump was cut short: look at the database and run the restore test.",
    },
    {
      alert: "OffsiteBackupUnchecked",
      expr: [
        `time() - max by (database) (offsite_backup_check_timestamp_seconds${sel}) > ${hours(o.checkStaleHours)}`,
        "or",
        `absent(offsite_backup_check_timestamp_seconds${sel})`,
      ],
      for: "30m",
      severity: "warning",
      summary: `The off-site bucket of {{ $labels.database }} has not been checked for ${o.checkStaleHours}h`,
      description:
        "backup-verify-freshness cannot list the bucket (credentials, endpoint, network), is not running, " +
        "or node_exporter does not read its metrics. Until it checks again, a missing backup goes unnoticed.",
    },
    {
      alert: "BackupRestoreTestFailed",
      expr: [
        `max by (database) (backup_restore_test_failure_timestamp_seconds${sel})`,
        "  > on (database)",
        `(max by (database) (backup_restore_test_success_timestamp_seconds${sel}) or 0 * max by (database) (backup_restore_test_failure_timestamp_seconds${sel}))`,
      ],
      severity: "critical",
      summary: `The last restore test of {{ $labels.database }} failed`,
      description:
        "The newest off-site dump could not be downloaded, decrypted or restored, or the restored database failed its sanity checks " +
        "({{ $value | humanizeTimestamp }}). The log of the backup-verify-restore job says which step.",
    },
    {
      alert: "BackupRestoreTestStale",
      expr: [
        `time() - max by (database) (backup_restore_test_success_timestamp_seconds${sel}) > ${hours(o.restoreMaxAgeHours)}`,
        "or",
        `absent(backup_restore_test_success_timestamp_seconds${sel})`,
      ],
      for: "2h",
      severity: "warning",
      summary: `No restore test of {{ $labels.database }} has passed for ${o.restoreMaxAgeHours}h`,
      description:
        "The scheduled restore test has not passed recently, or its result never reached Prometheus: check the backup restore test workflow " +
        "(GitHub disables schedules of inactive public repositories) and the backup-verify-restore job.",
    },
  ];
  return (
    [
      "# Off-site backup alerts, written by compose-gate (transform backup-verify).",
      `# Database ${o.database}: no dump newer than ${o.maxAgeHours}h (critical), newest dump under ${o.sizeDropPercent} % of the`,
      "# previous ones (warning), bucket not checked, restore test failed (critical) or not passed lately.",
      "# The metrics come from backup-verify-freshness and backup-verify-restore through node_exporter's",
      "# textfile collector; loaded by Prometheus (rule_files) or by Mimir's ruler.",
      "groups:",
      "  - name: backup-verify",
      "    rules:",
      ...rules.flatMap(ruleLines),
    ].join("\n") + "\n"
  );
}
