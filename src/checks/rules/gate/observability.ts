/**
 * gate/observability — pre-first-client gate item 5 ("Deploy the observability stack … configure
 * Grafana dashboards"), and what makes item 4's alerts reach anyone: for a stack that runs
 * Postgres or an exporter, the observability stack (the companion `docker-compose.observability.yml`,
 * or the app stack itself) must have a metrics store that loads alert rules, an Alertmanager,
 * a log pipeline (Loki and a shipper) and provisioned Grafana dashboards. Each missing part is
 * one finding, at the service it concerns or at the stack's `services:`.
 */
import type { ComposeDocument } from "../../../document/compose-document.js";
import { serviceImage } from "../../../image/reference.js";
import type { Project } from "../../../project/project.js";
import { componentOf, isLogShipperImage, type Component } from "../../../transforms/observability/components.js";
import { isNodeExporter, isPostgresExporter } from "../../shared/images.js";
import { isObject, mergedServices } from "../../shared/model.js";
import { postgresServers } from "../../shared/postgres-helpers.js";
import { defineRule, type CheckContext } from "../../types.js";

interface Found {
  doc: ComposeDocument;
  service: string;
  def: Record<string, unknown>;
}

/** Every service of the app stack's files and of its observability stack, by component. */
function inventory(project: Project): { by: Map<Component, Found[]>; shippers: Found[] } {
  const by = new Map<Component, Found[]>();
  const shippers: Found[] = [];
  const docs = [...project.docs, ...(project.companion("observability") ? [project.companion("observability")!] : [])];
  for (const doc of docs) {
    for (const service of doc.services()) {
      const def = doc.get(["services", service]);
      if (!isObject(def)) continue;
      const image = serviceImage(def);
      if (!image) continue;
      const component = componentOf(image);
      if (component) by.set(component, [...(by.get(component) ?? []), { doc, service, def }]);
      if (isLogShipperImage(image)) shippers.push({ doc, service, def });
    }
  }
  return { by, shippers };
}

/** The container paths a service gets files at: config targets and mount targets. */
function targets(def: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const c of Array.isArray(def.configs) ? def.configs : []) {
    if (typeof c === "string") out.push(`/${c}`);
    else if (isObject(c) && typeof c.source === "string") out.push(typeof c.target === "string" ? c.target : `/${c.source}`);
  }
  for (const v of Array.isArray(def.volumes) ? def.volumes : []) {
    if (typeof v === "string") out.push(v.split(":")[1] ?? v);
    else if (isObject(v) && typeof v.target === "string") out.push(v.target);
  }
  return out;
}

/** A rule file or folder is mounted, or the whole config folder (dockprom's `./prometheus:/etc/prometheus`), which may hold one. */
const loadsRules = (f: Found) => targets(f.def).some((t) => /rules/.test(t) || /^\/etc\/(prometheus|mimir)\/?$/.test(t));
const provisioned = (f: Found) => targets(f.def).some((t) => t.startsWith("/etc/grafana/provisioning"));

/** Is this a stack the gate's monitoring items apply to: one that runs Postgres or an exporter? */
function monitored(project: Project): boolean {
  return postgresServers(project).length > 0 || mergedServices(project).some(({ def }) => isNodeExporter(def) || isPostgresExporter(def));
}

function report(ctx: CheckContext, at: Found | undefined, home: ComposeDocument, message: string): void {
  if (at) ctx.report({ path: ["services", at.service], doc: at.doc, message });
  else ctx.report({ path: ["services"], doc: home, message, service: null });
}

export default defineRule({
  id: "gate/observability",
  severity: "error",
  summary: "No observability stack loads the alert rules, delivers alerts, keeps logs and shows dashboards",
  description:
    "Pre-first-client gate item 5 asks for the observability stack deployed and Grafana dashboards configured; item 4's " +
    "volume alerts only reach someone through a metrics store that loads the rule files and an Alertmanager. For a stack " +
    "that runs Postgres or an exporter, the observability stack (the companion compose file deployed next to it, or the " +
    "stack itself) needs: Prometheus or Mimir with a rule file mounted (a config or mount under a rules folder), " +
    "Alertmanager, Loki with a log shipper (Grafana Alloy, or Promtail, Fluent Bit, Vector…), and Grafana with " +
    "provisioning under /etc/grafana/provisioning. Each missing part is one finding.",
  fix: "observability",
  run(ctx) {
    if (!monitored(ctx.project)) return;
    const companion = ctx.project.companion("observability");
    const home = companion ?? ctx.project.docs[ctx.project.docs.length - 1];
    const { by, shippers } = inventory(ctx.project);
    const where = companion ? `the observability stack (${companion.filename})` : "the stack";
    const stores = [...(by.get("prometheus") ?? []), ...(by.get("mimir") ?? [])];
    if (stores.length === 0) report(ctx, undefined, home, `No metrics store (Prometheus or Mimir) runs in ${where}: the alert rules are evaluated nowhere`);
    else if (!stores.some(loadsRules)) report(ctx, stores[0], stores[0].doc, `Service "${stores[0].service}" loads no alert rule file: the volume alerts never fire`);
    if (!by.has("alertmanager")) report(ctx, undefined, home, `No Alertmanager runs in ${where}: alerts reach no one`);
    if (!by.has("loki") || shippers.length === 0) {
      const missing = !by.has("loki") ? "no Loki" : "nothing ships the containers' logs to Loki (Grafana Alloy, Promtail, …)";
      report(ctx, by.get("loki")?.[0], home, `No log pipeline in ${where}: ${missing}`);
    }
    const grafana = by.get("grafana") ?? [];
    if (!grafana.some(provisioned)) {
      report(ctx, grafana[0], home, grafana.length === 0 ? `No Grafana runs in ${where}: no dashboards` : `Service "${grafana[0].service}" provisions no data sources or dashboards`);
    }
  },
});
