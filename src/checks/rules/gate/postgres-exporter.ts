/**
 * gate/postgres-exporter — pre-first-client gate item 5 (its Postgres part): the database
 * exports no metrics. Open for each Postgres server no postgres_exporter serves; an exporter
 * serves the server its DATA_SOURCE_URI / DATA_SOURCE_NAME names (or every server, when the
 * file does not say).
 */
import { environmentMap } from "../../shared/environment.js";
import { isPostgresExporter } from "../../shared/images.js";
import { mergedServices } from "../../shared/model.js";
import { hostOf, postgresServers, serves } from "../../shared/postgres-helpers.js";
import type { Project } from "../../../project/project.js";
import { defineRule } from "../../types.js";

function exporterHosts(project: Project): (string | undefined)[][] {
  return mergedServices(project)
    .filter(({ def }) => isPostgresExporter(def))
    .map(({ name }) => {
      const env = environmentMap(project, name);
      return [hostOf(env.get("DATA_SOURCE_URI")), hostOf(env.get("DATA_SOURCE_NAME"))];
    });
}

export default defineRule({
  id: "gate/postgres-exporter",
  severity: "error",
  summary: "A Postgres server has no postgres_exporter, so the database exports no metrics",
  description:
    "Pre-first-client gate item 5 asks for the Postgres exporter next to the observability stack. " +
    "quay.io/prometheuscommunity/postgres-exporter exposes Postgres metrics on :9187 and reads its connection from " +
    "DATA_SOURCE_URI + DATA_SOURCE_USER + DATA_SOURCE_PASS(_FILE), or the legacy DATA_SOURCE_NAME (prometheus-community/postgres_exporter README). " +
    "An exporter serves the Postgres service its data source names, or every Postgres service when it names none " +
    "the file can read.",
  fix: "postgres-exporter",
  run(ctx) {
    const exporters = exporterHosts(ctx.project);
    for (const postgres of postgresServers(ctx.project)) {
      if (exporters.some((hosts) => serves(hosts, postgres))) continue;
      ctx.report({
        path: ["services", postgres],
        message: `Postgres service "${postgres}" has no postgres_exporter, so its metrics reach no dashboard or alert`,
      });
    }
  },
});
