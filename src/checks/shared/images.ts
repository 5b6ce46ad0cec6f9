/**
 * Recognising the helper services the gate asks for by the image they run, with the same
 * tests the transforms that add them use — so a stack a transform leaves alone ("already runs
 * node_exporter") is one this check passes, and the other way round.
 */
import { isNodeExporterImage } from "../../transforms/node-exporter/service.js";
import { isPostgresExporterImage } from "../../transforms/postgres-exporter/image.js";
import type { Service } from "./model.js";

/** node_exporter (NE): `prom/node-exporter`, `quay.io/prometheus/node-exporter`, `bitnami/node-exporter`, wrappers. */
export function isNodeExporter(def: Service): boolean {
  return typeof def.image === "string" && isNodeExporterImage(def.image);
}

/** postgres_exporter (PE): `quay.io/prometheuscommunity/postgres-exporter`, `wrouesnel/postgres_exporter`, … */
export function isPostgresExporter(def: Service): boolean {
  return typeof def.image === "string" && isPostgresExporterImage(def.image);
}
