/**
 * Gate item 4: disk-space monitoring for the volumes Postgres lives on. Adds node_exporter
 * (unless the stack runs one) and writes Prometheus alert rules for 80 % / 90 % filesystem
 * usage. Prometheus's own configuration is not a compose file, so the scrape job and the
 * rule_files entry are reported as exact manual steps. See docs/transforms/node-exporter.md.
 */
import { z } from "zod";
import { registerRuleFile } from "./shared/alert-rules.js";
import { findPrometheus } from "./shared/prometheus.js";
import { deployTarget, locateService, placeNewService, serviceNetworks } from "./shared/stack.js";
import { targetOption } from "./shared/target-option.js";
import { defineTransform, type TransformContext } from "./types.js";
import { volumeUsageRules } from "./node-exporter/rules.js";
import { findNodeExporters, NODE_EXPORTER_PORT, nodeExporterService, TEXTFILE_VOLUME, wantsTextfile } from "./node-exporter/service.js";
import { rulesStep, scrapeStep } from "./node-exporter/steps.js";

const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);

const options = z
  .object({
    target: targetOption,
    serviceName: name.default("node-exporter").describe("Name of the node_exporter service to add"),
    image: z
      .string()
      .min(1)
      .default("quay.io/prometheus/node-exporter:v1.12.1")
      .describe("node_exporter image; v1.12.1 is the newest release of prometheus/node_exporter at the time of writing; the README's :latest is not pinned"),
    networks: z
      .array(name)
      .default([])
      .describe("Networks for the exporter; empty = the networks of the stack's Prometheus, or the default network when there is none"),
    job: z
      .string()
      .regex(/^[a-zA-Z0-9_.:-]+$/)
      .default("node")
      .describe("Prometheus job name of the exporter targets; the rules select job=\"<job>\" (the node-mixin default `node`, prometheus/node_exporter docs/node-mixin)"),
    rules: z
      .enum(["auto", "always", "never"])
      .default("auto")
      .describe("Write the alert rule file: `auto` when compose-gate adds the exporter; `always` also next to an existing one (its scrape job must be named `job`)"),
    rulesFile: z
      .string()
      .regex(/^[a-zA-Z0-9._-][a-zA-Z0-9._/-]*\.ya?ml$/)
      .default("prometheus/rules/volume-usage.yml")
      .describe("Path of the rule file, relative to the first compose file"),
    warningPercent: z.number().min(1).max(99).default(80).describe("Warning threshold, percent of the filesystem used (gate item 4)"),
    criticalPercent: z.number().min(1).max(100).default(90).describe("Critical threshold, percent of the filesystem used (gate item 4)"),
    for: z
      .string()
      .regex(/^\d+[smhdwy]$/)
      .default("5m")
      .describe("How long usage must stay above a threshold before alerting (chosen default; samber/awesome-prometheus-alerts uses 2m, the node-mixin 30m)"),
  })
  .refine((o) => o.warningPercent < o.criticalPercent, { message: "warningPercent must be below criticalPercent", path: ["warningPercent"] });

type Options = z.infer<typeof options>;

function writeRules(ctx: TransformContext, o: Options): void {
  ctx.addFile({
    path: o.rulesFile,
    content: volumeUsageRules({ job: o.job, warningPercent: o.warningPercent, criticalPercent: o.criticalPercent, for: o.for }),
    description: `Prometheus alert rules: filesystem usage above ${o.warningPercent} % (warning) and ${o.criticalPercent} % (critical)`,
  });
  registerRuleFile(ctx, { path: o.rulesFile, transform: "node-exporter" });
  ctx.change(`wrote ${o.rulesFile}: alerts VolumeDiskUsageWarning (> ${o.warningPercent} % used) and VolumeDiskUsageCritical (> ${o.criticalPercent} %), each for ${o.for}, on job="${o.job}"`);
  // The observability transform, later in the run, loads the rule file into the metrics store it deploys.
  if (!ctx.later.includes("observability")) rulesStep(ctx, o.rulesFile);
}

/** The networks the exporter joins, or why none can be chosen. */
function exporterNetworks(ctx: TransformContext, o: Options): string[] | { reason: string } {
  const declared = Object.keys((ctx.project.get(["networks"]) as Record<string, unknown> | undefined) ?? {});
  const missing = o.networks.filter((n) => !declared.includes(n));
  if (missing.length > 0) return { reason: `option networks names ${missing.join(", ")}, which the stack does not declare` };
  if (o.networks.length > 0) return o.networks;
  const prometheus = findPrometheus(ctx.project)[0];
  return prometheus ? (serviceNetworks(ctx.project, prometheus.service) ?? []) : [];
}

export default defineTransform({
  id: "node-exporter",
  title: "Volume monitoring with node_exporter",
  summary: "Add node_exporter and Prometheus alert rules for filesystem usage (warning 80 %, critical 90 %)",
  closes: "gate/volume-monitoring",
  options,
  apply(ctx, o) {
    const existing = findNodeExporters(ctx.project);
    if (existing.length > 0) {
      const list = existing.map((e) => `${e.service} (${e.image})`).join(", ");
      ctx.satisfied(`the stack already runs node_exporter: ${list}; no exporter added`, locateService(ctx.project, existing[0].service));
      if (o.rules === "always") writeRules(ctx, o);
      return;
    }
    if (ctx.project.services().includes(o.serviceName)) {
      ctx.refuse(`service ${o.serviceName} exists and is not a node_exporter; choose another serviceName`, locateService(ctx.project, o.serviceName));
      return;
    }
    const networks = exporterNetworks(ctx, o);
    if (!Array.isArray(networks)) {
      ctx.refuse(`no node_exporter added: ${networks.reason}`);
      return;
    }
    const placed = placeNewService(ctx.project, o.serviceName);
    if (!placed.ok) {
      ctx.refuse(`no node_exporter added: ${placed.reason}`);
      return;
    }
    const target = deployTarget(ctx.project, o.target);
    const textfile = wantsTextfile(ctx.project);
    placed.doc.set(["services", o.serviceName], nodeExporterService(o.image, target, networks, textfile));
    const how = target === "swarm" ? "one task per node (deploy.mode: global)" : "with the host's PID namespace (pid: host)";
    const files = textfile ? `, and the textfile metrics in volume ${TEXTFILE_VOLUME}` : "";
    ctx.change(`added ${o.serviceName} (${o.image}): host filesystem metrics on port ${NODE_EXPORTER_PORT}${files}, ${how}`);
    if (!ctx.later.includes("observability")) scrapeStep({ ctx, exporter: o.serviceName, job: o.job, target });
    if (o.rules !== "never") writeRules(ctx, o);
  },
});
