/**
 * The services an observability stack is made of, recognised by the image they run (any
 * registry, any tag), and the images compose-gate pins when it adds one. The pins are the
 * versions upstream tags exist for: Prometheus v3.14.0 and Alertmanager v0.34.0 (tags of
 * prometheus/prometheus and prometheus/alertmanager, August 2026); Grafana 12.3.1, Loki 3.6.3,
 * Tempo 2.9.0, Mimir 2.17.4 and Alloy v1.12.1 are the versions Grafana's own LGTM demo runs
 * together (grafana/intro-to-mltp `docker-compose.yml`).
 */
import { imageBaseName, parseImage, serviceImage } from "../../image/reference.js";
import type { ComposeDocument } from "../../document/compose-document.js";

export type Component = "prometheus" | "mimir" | "alertmanager" | "loki" | "tempo" | "alloy" | "grafana";

/** Base image names (the last path segment) per component. */
const PATTERNS: Record<Component, RegExp> = {
  prometheus: /(^|[-_])prometheus$/,
  mimir: /^mimir$/,
  alertmanager: /(^|[-_])alertmanager$/,
  loki: /^loki$/,
  tempo: /^tempo$/,
  alloy: /^alloy$/,
  grafana: /^grafana(-oss|-enterprise)?$/,
};

export const IMAGES: Record<Component, string> = {
  prometheus: "quay.io/prometheus/prometheus:v3.14.0",
  alertmanager: "quay.io/prometheus/alertmanager:v0.34.0",
  mimir: "grafana/mimir:2.17.4",
  loki: "grafana/loki:3.6.3",
  tempo: "grafana/tempo:2.9.0",
  alloy: "grafana/alloy:v1.12.1",
  grafana: "grafana/grafana:12.3.1",
};

/** Log shippers other than Alloy that also feed Loki: with one of them the log pipeline exists. */
const SHIPPERS = /^(promtail|fluent-bit|fluentd|vector|logspout|otel(col)?|opentelemetry-collector(-contrib)?)$/;

export function componentOf(image: string): Component | undefined {
  const base = imageBaseName(parseImage(image));
  return (Object.keys(PATTERNS) as Component[]).find((c) => PATTERNS[c].test(base));
}

export function isLogShipperImage(image: string): boolean {
  return componentOf(image) === "alloy" || SHIPPERS.test(imageBaseName(parseImage(image)));
}

/** The services of a stack file per component, in file order. */
export function componentsIn(doc: ComposeDocument): Map<Component, string[]> {
  const out = new Map<Component, string[]>();
  for (const service of doc.services()) {
    const image = serviceImage(doc.get(["services", service]) as Record<string, unknown> | undefined);
    const component = image ? componentOf(image) : undefined;
    if (component) out.set(component, [...(out.get(component) ?? []), service]);
  }
  return out;
}
