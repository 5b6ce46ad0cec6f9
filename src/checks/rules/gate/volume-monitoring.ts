/**
 * gate/volume-monitoring — pre-first-client gate item 4: the volume that holds the Postgres data
 * has no disk-space monitoring. Open when the stack keeps data in volumes and runs no
 * node_exporter; reported at the Postgres data mount when there is one (the volume the gate
 * names), else at the first named-volume mount.
 */
import type { Key } from "../../../document/compose-document.js";
import { isNodeExporter } from "../../shared/images.js";
import { listItems, mergedServices } from "../../shared/model.js";
import { postgresServers } from "../../shared/postgres-helpers.js";
import type { Project } from "../../../project/project.js";
import { defineRule } from "../../types.js";

/** The source of a mount when it is a named volume (not a host path, not tmpfs). */
function namedVolume(mount: unknown): string | undefined {
  if (typeof mount === "string") {
    const parts = mount.split(":");
    return parts.length > 1 && !/^[./~$]/.test(parts[0]) && !parts[0].includes("/") ? parts[0] : undefined;
  }
  const m = mount as { type?: unknown; source?: unknown } | null;
  return m && m.type === "volume" && typeof m.source === "string" ? m.source : undefined;
}

/** The data mounts of `service`, Postgres data directories first. */
function dataMounts(project: Project, service: string): { path: Key[]; postgresData: boolean }[] {
  return listItems(project, ["services", service, "volumes"])
    .filter((item) => namedVolume(item.value) !== undefined)
    .map((item) => ({ path: item.path, postgresData: JSON.stringify(item.value).includes("/var/lib/postgresql") }));
}

function mostRelevantMount(project: Project): Key[] | undefined {
  const postgres = new Set(postgresServers(project));
  const all = mergedServices(project).flatMap(({ name }) => dataMounts(project, name).map((m) => ({ ...m, postgres: postgres.has(name) })));
  const best = all.find((m) => m.postgres && m.postgresData) ?? all.find((m) => m.postgres) ?? all[0];
  return best?.path;
}

export default defineRule({
  id: "gate/volume-monitoring",
  severity: "error",
  summary: "Data volumes have no disk-space monitoring (no node_exporter in the stack)",
  description:
    "Pre-first-client gate item 4: the volume holding the Postgres data has no disk-space monitoring, so it fills up " +
    "unnoticed. node_exporter exports filesystem usage (node_filesystem_avail_bytes / _size_bytes) for Prometheus " +
    "alert rules at 80 % and 90 % used (prometheus/node_exporter; samber/awesome-prometheus-alerts host rules). Open when a service mounts a named volume and no " +
    "service runs a node_exporter image (prom/node-exporter, quay.io/prometheus/node-exporter, …). The alert rules " +
    "themselves live outside the compose file and are not checked.",
  fix: "node-exporter",
  run(ctx) {
    if (mergedServices(ctx.project).some(({ def }) => isNodeExporter(def))) return;
    const mount = mostRelevantMount(ctx.project);
    if (!mount) return;
    ctx.report({
      path: mount,
      message: `Service "${String(mount[1])}" keeps data in a volume, and no node_exporter in the stack reports how full the disk is`,
    });
  },
});
