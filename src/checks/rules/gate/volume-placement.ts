/**
 * gate/volume-placement — the data the gate's volume items protect is not where they look: a
 * database, object store or queue keeps its data directory in a named (or anonymous) Docker
 * volume, which Docker stores under /var/lib/docker/volumes on the server's root disk. The
 * volume alerts and the auto-resize watch the Hetzner Cloud Volume, so that data fills the
 * root disk unwatched and cannot be grown. No transform can fix it: the data must be copied
 * while the service is stopped, so the finding names the bind mount to switch to.
 */
import { rootDiskData, suggestedBind } from "../../../project/data-placement.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "gate/volume-placement",
  severity: "warning",
  summary: "A database or other stateful service keeps its data in a Docker volume on the server's root disk",
  description:
    "Pre-first-client gate item 4 watches and grows the Hetzner Cloud Volume the data lives on. A named or anonymous " +
    "Docker volume lives under /var/lib/docker/volumes on the root disk (docs.docker.com/engine/storage/volumes), " +
    "which neither the volume alerts nor the auto-resize cover, and which cannot be grown. Open for the data directory " +
    "of Postgres, MySQL/MariaDB, MongoDB, Redis/Valkey, MinIO, Elasticsearch/OpenSearch, ClickHouse, RabbitMQ and " +
    "InfluxDB in a volume of the local driver without driver_opts (external volumes and driver plugins are not " +
    "judged). The fix is a bind mount into /mnt/HC_Volume_<id>, after copying the data over with the service stopped.",
  run(ctx) {
    for (const data of rootDiskData(ctx.project)) {
      const where = data.volume ? `the named volume "${data.volume}"` : "an anonymous volume";
      ctx.report({
        path: ["services", data.service, "volumes", data.index],
        message:
          `${data.kind} service "${data.service}" keeps ${data.target} in ${where} on the server's root disk, where the volume alerts and the auto-resize do not look; ` +
          `copy the data onto a Hetzner Cloud Volume with the service stopped, then mount it from there: - ${suggestedBind(ctx.project, data)}`,
      });
    }
  },
});
