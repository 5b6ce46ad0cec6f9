/**
 * alertmanager.yml: one receiver, whose credential is read from a Swarm secret through the
 * `*_file` fields Alertmanager has for them (`slack_api_url_file`, `smtp_auth_password_file`,
 * prometheus/alertmanager `config/config.go`), so no secret is written in the file. Resolved
 * alerts are sent too (`send_resolved`, as stefanprodan/dockprom's receiver does). The critical
 * volume alert silences the warning for the same disk (`inhibit_rules`), so a full disk pages
 * once.
 */
export const ALERTMANAGER_PORT = 9093;

export type Receiver =
  | { kind: "slack"; secretPath: string; channel: string }
  | { kind: "email"; secretPath: string; to: string; from: string; smarthost: string; username: string };

function receiverLines(r: Receiver): string[] {
  if (r.kind === "slack") {
    return [
      "    slack_configs:",
      `      - api_url_file: ${r.secretPath}`,
      ...(r.channel ? [`        channel: "${r.channel}"`] : []),
      "        send_resolved: true",
    ];
  }
  return ["    email_configs:", `      - to: "${r.to}"`, "        send_resolved: true"];
}

function globalLines(r: Receiver): string[] {
  if (r.kind !== "email") return [];
  return [
    "global:",
    `  smtp_smarthost: "${r.smarthost}"`,
    `  smtp_from: "${r.from}"`,
    `  smtp_auth_username: "${r.username}"`,
    `  smtp_auth_password_file: ${r.secretPath}`,
    "  smtp_require_tls: true",
    "",
  ];
}

export function alertmanagerConfig(r: Receiver): string {
  return [
    "# Alertmanager configuration, written by compose-gate (transform observability).",
    `# The ${r.kind === "slack" ? "Slack webhook URL" : "SMTP password"} is read from ${r.secretPath} (a Docker secret).`,
    ...globalLines(r),
    "route:",
    "  receiver: ops",
    "  group_by: [alertname, instance, mountpoint]",
    "  group_wait: 30s",
    "  group_interval: 5m",
    "  repeat_interval: 4h",
    "",
    "receivers:",
    "  - name: ops",
    ...receiverLines(r),
    "",
    "inhibit_rules:",
    "  # A disk over the critical line pages once, not twice.",
    "  - source_matchers: [alertname=\"VolumeDiskUsageCritical\"]",
    "    target_matchers: [alertname=\"VolumeDiskUsageWarning\"]",
    "    equal: [instance, device, mountpoint]",
    "",
  ].join("\n");
}
