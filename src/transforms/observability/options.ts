/** The options of the observability transform (docs/transforms/observability.md explains each default). */
import { z } from "zod";
import { targetOption } from "../shared/target-option.js";

const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
const job = z.string().regex(/^[a-zA-Z0-9_.:-]+$/);
const relative = z.string().regex(/^[a-zA-Z0-9._-][a-zA-Z0-9._/-]*$/);

export const observabilityOptions = z
  .object({
    target: targetOption,
    file: relative
      .regex(/\.ya?ml$/)
      .default("docker-compose.observability.yml")
      .describe("The observability stack's compose file, relative to the app stack, created when the project has none"),
    metricsStore: z
      .enum(["prometheus", "mimir"])
      .default("prometheus")
      .describe("Metrics store of a new observability stack: Prometheus fits 1–3 nodes; a stack that already runs Mimir or Prometheus keeps it"),
    network: name.default("monitoring").describe("Name of the overlay network the app stack declares and the observability stack joins"),
    configDir: relative.default("observability").describe("Folder, relative to the stack, of the generated configuration files"),
    retentionDays: z.number().int().min(1).max(3650).default(15).describe("How long metrics, logs and traces are kept (Prometheus's default is 15 days)"),
    metricsRetentionSize: z
      .string()
      .regex(/^\d+(B|KB|MB|GB|TB)$/)
      .default("10GB")
      .describe("Prometheus deletes the oldest blocks beyond this size (--storage.tsdb.retention.size), whatever their age"),
    receiver: z.enum(["slack", "email"]).default("slack").describe("Where Alertmanager sends alerts; the credential comes from a Docker secret"),
    slackChannel: z.string().default("").describe("Slack channel; empty = the webhook's own channel"),
    emailTo: z.string().default("").describe("receiver email: the address alerts go to"),
    emailFrom: z.string().default("").describe("receiver email: the sender address"),
    smtpSmarthost: z.string().regex(/^([^\s:]+:\d+)?$/).default("").describe("receiver email: the SMTP server as host:port"),
    smtpUsername: z.string().default("").describe("receiver email: the SMTP user name"),
    grafanaHost: z
      .string()
      .regex(/^([a-zA-Z0-9.-]+)?$/)
      .default("")
      .describe("Host name Grafana is served at through the app stack's Traefik; empty = the host of GF_SERVER_ROOT_URL, else grafana.<domain the app's routers serve>"),
    nodeJob: job.default("node").describe("Scrape job of node_exporter; the volume alert rules select it (node-exporter's `job`)"),
    postgresJob: job.default("postgres").describe("Scrape job of postgres_exporter; the Postgres dashboard selects it"),
    ruleFiles: z
      .array(relative.regex(/\.ya?ml$/))
      .default(["prometheus/rules/volume-usage.yml"])
      .describe("Rule files to load besides those written in the same run, when the project holds them (paths relative to the stack)"),
  })
  .refine((o) => o.receiver !== "email" || (o.emailTo && o.emailFrom && o.smtpSmarthost && o.smtpUsername), {
    message: "receiver email needs emailTo, emailFrom, smtpSmarthost and smtpUsername",
    path: ["receiver"],
  });

export type ObservabilityOptions = z.infer<typeof observabilityOptions>;
