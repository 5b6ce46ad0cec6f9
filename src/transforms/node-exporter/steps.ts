/**
 * What a human must do so that the exporter's metrics reach an alert: a scrape job, the rule
 * file loaded by Prometheus, an Alertmanager to deliver the alerts.
 */
import path from "node:path";
import type { Project } from "../../project/project.js";
import { containerPathFor, findPrometheus, hasAlertmanager, scrapeInstruction } from "../shared/prometheus.js";
import type { Target } from "../shared/stack.js";
import type { TransformContext } from "../types.js";
import { NODE_EXPORTER_PORT } from "./service.js";

export interface ScrapeContext {
  ctx: TransformContext;
  exporter: string;
  job: string;
  target: Target;
}

export function scrapeStep(s: ScrapeContext): void {
  const prometheus = findPrometheus(s.ctx.project);
  // A global Swarm service has one task per node: only `tasks.<service>` resolves to all of them.
  s.ctx.manual(scrapeInstruction(prometheus, s.job, s.exporter, NODE_EXPORTER_PORT, s.target === "swarm"));
}

/** Load the rule file: name the path Prometheus sees when the project already mounts it. */
export function rulesStep(ctx: TransformContext, rulesFile: string): void {
  const project: Project = ctx.project;
  const prometheus = findPrometheus(project)[0];
  const visibleAt = prometheus ? containerPathFor(rulesFile, prometheus.mounts) : undefined;
  if (prometheus && visibleAt) {
    ctx.manual(`Prometheus (service ${prometheus.service}) sees ${rulesFile} at ${visibleAt}: add it under rule_files in ${prometheus.configPath}`);
  } else if (prometheus?.mounts.some((m) => m.config)) {
    // This Prometheus already takes files as Swarm configs: the rule file fits the same way.
    const at = `/etc/prometheus/rules/${path.posix.basename(rulesFile)}`;
    ctx.manual(
      `give Prometheus (service ${prometheus.service}) the rule file as a config, like its configuration: declare {file: ./${path.posix.normalize(rulesFile)}} ` +
        `under the top-level configs:, grant it to ${prometheus.service} with target ${at}, and add ${at} under rule_files in ${prometheus.configPath}`,
    );
  } else {
    const where = prometheus ? `into Prometheus (service ${prometheus.service})` : "into your Prometheus";
    const at = `/etc/prometheus/rules/${path.posix.basename(rulesFile)}`;
    ctx.manual(`mount ${rulesFile} ${where}, e.g. at ${at}, and add that path under rule_files`);
  }
  if (prometheus && !hasAlertmanager(project)) {
    ctx.manual(`no Alertmanager runs in this stack: the volume alerts fire in Prometheus (service ${prometheus.service}) but reach no one until one is configured under alerting: in ${prometheus.configPath}`);
  }
}
