/**
 * The few Grafana panel shapes the generated dashboards use, as plain JSON (dashboard schema
 * as Grafana 11/12 export it). Every query names the metrics data source by its fixed uid.
 */
import { DATASOURCE_UIDS } from "../configs/grafana.js";

const datasource = { type: "prometheus", uid: DATASOURCE_UIDS.metrics };

export interface Query {
  expr: string;
  legend: string;
}

export interface PanelSpec {
  type: "timeseries" | "stat" | "bargauge";
  title: string;
  description: string;
  queries: Query[];
  unit: string;
  /** Orange and red lines (percent panels). */
  thresholds?: [number, number];
  /** Grid position: x, y, width, height (24 columns). */
  at: [number, number, number, number];
  max?: number;
}

export function panel(spec: PanelSpec, id: number): Record<string, unknown> {
  const steps = [{ color: "green", value: null }, ...(spec.thresholds ? [{ color: "orange", value: spec.thresholds[0] }, { color: "red", value: spec.thresholds[1] }] : [])];
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    datasource,
    gridPos: { x: spec.at[0], y: spec.at[1], w: spec.at[2], h: spec.at[3] },
    fieldConfig: {
      defaults: { unit: spec.unit, ...(spec.max !== undefined ? { min: 0, max: spec.max } : {}), thresholds: { mode: "absolute", steps } },
      overrides: [],
    },
    options: spec.type === "bargauge" ? { orientation: "horizontal", displayMode: "gradient", reduceOptions: { calcs: ["lastNotNull"] } } : {},
    targets: spec.queries.map((q, i) => ({ refId: String.fromCharCode(65 + i), datasource, expr: q.expr, legendFormat: q.legend })),
  };
}

export function dashboard(o: { uid: string; title: string; description: string; panels: PanelSpec[] }): string {
  const json = {
    uid: o.uid,
    title: o.title,
    description: o.description,
    tags: ["compose-gate"],
    editable: false,
    schemaVersion: 39,
    time: { from: "now-24h", to: "now" },
    refresh: "1m",
    panels: o.panels.map((p, i) => panel(p, i + 1)),
  };
  return JSON.stringify(json, null, 2) + "\n";
}
