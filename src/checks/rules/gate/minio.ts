/**
 * gate/minio — pre-first-client gate item 1: production file storage moves from an in-stack
 * MinIO to external object storage, and MinIO stays in dev/preview only. Detection is
 * drop-minio's own (`detectMinio`: server image or a build context named minio), so what this
 * rule reports is exactly what that transform removes.
 */
import { detectMinio } from "../../../transforms/minio/detect.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "gate/minio",
  severity: "error",
  summary: "A MinIO server runs in the stack; production file storage belongs in external object storage",
  description:
    "Pre-first-client gate item 1: MinIO on the Docker host's volume does not scale (block storage, manual resize) and " +
    "adds updates, health monitoring and backups to operate. Production should use external S3-compatible storage " +
    "(e.g. Hetzner Object Storage) and keep MinIO for dev/preview. Detected by image (minio/minio, quay.io/minio/minio, " +
    "bitnami/minio, cgr.dev/chainguard/minio) or a build context named minio.",
  fix: "drop-minio",
  run(ctx) {
    for (const server of detectMinio(ctx.project).servers) {
      ctx.report({
        path: ["services", server.service],
        message: `Service "${server.service}" runs a MinIO server (${server.reason}); production file storage should move to external object storage`,
      });
    }
  },
});
