/**
 * Grafana Alloy configurations (Alloy's own syntax, `config.alloy`).
 *
 * Logs: one Alloy task per node (a global service) reads the containers of its node through the
 * Docker socket — `discovery.docker` → `discovery.relabel` → `loki.source.docker` →
 * `loki.write`, the pipeline of grafana/alloy-scenarios `docker-monitoring/` — and labels each
 * stream with the Swarm service (`com.docker.swarm.service.name`, set by Docker on every task)
 * or the compose service (`com.docker.compose.service`). The Loki Docker logging driver is not
 * used: it needs a plugin and `daemon.json` on every node and can block containers when Loki is
 * unreachable (grafana/loki#2361); Promtail reached its end of life on 2026-03-02.
 *
 * Traces: the same tasks receive OTLP (gRPC 4317, HTTP 4318, on 0.0.0.0) and forward it to Tempo.
 *
 * Metrics, when the stack stores them in Mimir: a separate single-task Alloy scrapes the
 * exporters and remote-writes to Mimir's `/api/v1/push` — one task, so each target is scraped
 * once, where a global service would scrape every target once per node.
 */
import type { Target } from "../../shared/stack.js";
import type { ScrapeTarget } from "./scrape-targets.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./tempo.js";

export const ALLOY_PORT = 12345;

const HEADER = "// Grafana Alloy configuration, written by compose-gate (transform observability).";

export function alloyLogsConfig(o: { loki: string; tempo: string; target: Target }): string {
  const serviceLabel = o.target === "swarm" ? "com_docker_swarm_service_name" : "com_docker_compose_service";
  return [
    HEADER,
    "// Every container of this node, its logs shipped to Loki with the service it belongs to.",
    'discovery.docker "containers" {',
    '  host = "unix:///var/run/docker.sock"',
    "}",
    "",
    'discovery.relabel "containers" {',
    "  targets = []",
    "",
    "  rule {",
    `    source_labels = ["__meta_docker_container_label_${serviceLabel}"]`,
    '    target_label  = "service"',
    "  }",
    "",
    "  rule {",
    '    source_labels = ["__meta_docker_container_name"]',
    '    regex         = "/(.*)"',
    '    target_label  = "container"',
    "  }",
    "}",
    "",
    'loki.source.docker "containers" {',
    '  host          = "unix:///var/run/docker.sock"',
    "  targets       = discovery.docker.containers.targets",
    "  relabel_rules = discovery.relabel.containers.rules",
    "  forward_to    = [loki.write.default.receiver]",
    "}",
    "",
    'loki.write "default" {',
    "  endpoint {",
    `    url = "http://${o.loki}:3100/loki/api/v1/push"`,
    "  }",
    "}",
    "",
    "// Traces sent by the applications over OTLP, forwarded to Tempo.",
    'otelcol.receiver.otlp "default" {',
    "  grpc {",
    `    endpoint = "0.0.0.0:${OTLP_GRPC_PORT}"`,
    "  }",
    "",
    "  http {",
    `    endpoint = "0.0.0.0:${OTLP_HTTP_PORT}"`,
    "  }",
    "",
    "  output {",
    "    traces = [otelcol.exporter.otlp.tempo.input]",
    "  }",
    "}",
    "",
    'otelcol.exporter.otlp "tempo" {',
    "  client {",
    `    endpoint = "${o.tempo}:${OTLP_GRPC_PORT}"`,
    "",
    "    tls {",
    "      insecure = true",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
}

/** A label-safe component name from a job name. */
const ident = (job: string) => job.replace(/[^a-zA-Z0-9_]/g, "_");

function scrape(t: ScrapeTarget): string[] {
  const id = ident(t.job);
  const discovery = t.perTask
    ? [`discovery.dns "${id}" {`, `  names = ["tasks.${t.service}"]`, '  type  = "A"', `  port  = ${t.port}`, "}", ""]
    : [];
  const targets = t.perTask ? `discovery.dns.${id}.targets` : `[{"__address__" = "${t.service}:${t.port}"}]`;
  return [
    ...discovery,
    `prometheus.scrape "${id}" {`,
    `  job_name        = "${t.job}"`,
    `  targets         = ${targets}`,
    '  scrape_interval = "30s"',
    "  forward_to      = [prometheus.remote_write.mimir.receiver]",
    "}",
    "",
  ];
}

export function alloyMetricsConfig(o: { mimir: string; targets: ScrapeTarget[] }): string {
  return [
    HEADER,
    "// The exporters of the app stack, scraped once and written to Mimir.",
    ...o.targets.flatMap(scrape),
    'prometheus.remote_write "mimir" {',
    "  endpoint {",
    `    url = "http://${o.mimir}:9009/api/v1/push"`,
    "  }",
    "}",
    "",
  ].join("\n");
}
