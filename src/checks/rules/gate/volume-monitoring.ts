/**
 * gate/volume-monitoring — pre-first-client gate item 4: the volume that holds the Postgres data
 * has no disk-space monitoring. Open when the stack keeps data in volumes — named volumes, or
 * bind mounts onto a Hetzner Cloud Volume (`/mnt/HC_Volume_<id>`, where Busflow keeps Postgres)
 * — and runs no node_exporter; reported at the mount a reviewer would look at: the Postgres
 * data directory first, then any Hetzner volume, then the first named volume.
 */
import type { Key } from "../../../document/compose-document.js";
import { hetznerVolume, parseVolumeMount, type HetznerVolume } from "../../../project/volume-mounts.js";
import type { Project } from "../../../project/project.js";
import { isNodeExporter } from "../../shared/images.js";
import { listItems, mergedServices } from "../../shared/model.js";
import { postgresServers } from "../../shared/postgres-helpers.js";
import { defineRule } from "../../types.js";

interface DataMount {
  path: Key[];
  service: string;
  postgres: boolean;
  postgresData: boolean;
  hetzner?: HetznerVolume;
}

/**
 * The mounts of `service` that hold data on a disk worth watching: named volumes (under
 * `/var/lib/docker/volumes` on the root disk) and bind mounts onto a Hetzner Cloud Volume.
 * Other bind mounts (`./conf`, the Docker socket) are configuration, not data.
 */
function dataMounts(project: Project, service: string, postgres: boolean): DataMount[] {
  const out: DataMount[] = [];
  for (const item of listItems(project, ["services", service, "volumes"])) {
    const mount = parseVolumeMount(item.value);
    if (!mount?.source) continue;
    const hetzner = mount.type === "bind" ? hetznerVolume(mount.source) : undefined;
    if (mount.type !== "volume" && !hetzner) continue;
    const postgresData = mount.target.startsWith("/var/lib/postgresql");
    out.push({ path: item.path, service, postgres, postgresData, ...(hetzner ? { hetzner } : {}) });
  }
  return out;
}

function mostRelevantMount(project: Project): DataMount | undefined {
  const postgres = new Set(postgresServers(project));
  const all = mergedServices(project).flatMap(({ name }) => dataMounts(project, name, postgres.has(name)));
  return (
    all.find((m) => m.postgres && m.postgresData) ?? all.find((m) => m.postgres) ?? all.find((m) => m.hetzner) ?? all[0]
  );
}

export default defineRule({
  id: "gate/volume-monitoring",
  severity: "error",
  summary: "Data volumes have no disk-space monitoring (no node_exporter in the stack)",
  description:
    "Pre-first-client gate item 4: the volume holding the Postgres data has no disk-space monitoring, so it fills up " +
    "unnoticed. node_exporter exports filesystem usage (node_filesystem_avail_bytes / _size_bytes) for Prometheus " +
    "alert rules at 80 % and 90 % used. Open when a service keeps data in a named volume or in a bind mount onto a " +
    "Hetzner Cloud Volume (/mnt/HC_Volume_<id>, where Hetzner mounts volume <id>: docs.hetzner.com Cloud Volumes) " +
    "and no service runs a node_exporter image (prom/node-exporter, quay.io/prometheus/node-exporter, …). Whether a " +
    "metrics store loads the alert rules is gate/observability's question.",
  fix: "node-exporter",
  run(ctx) {
    if (mergedServices(ctx.project).some(({ def }) => isNodeExporter(def))) return;
    const mount = mostRelevantMount(ctx.project);
    if (!mount) return;
    const where = mount.hetzner ? `on Hetzner Cloud Volume ${mount.hetzner.id} (${mount.hetzner.mountPoint})` : "in a volume";
    ctx.report({
      path: mount.path,
      message: `Service "${mount.service}" keeps data ${where}, and no node_exporter in the stack reports how full the disk is`,
    });
  },
});
