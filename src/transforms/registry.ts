/**
 * Every transform compose-gate ships, by id, and the presets that compose them. Ids are part
 * of the CLI contract (`--only`, `--skip`, config keys).
 */
import backupVerify from "./backup-verify.js";
import dropMinio from "./drop-minio.js";
import envToSecrets from "./env-to-secrets.js";
import nodeExporter from "./node-exporter.js";
import observability from "./observability.js";
import offsiteBackup from "./offsite-backup.js";
import postgresExporter from "./postgres-exporter.js";
import logRotation from "./log-rotation.js";
import s3External from "./s3-external.js";
import traefikLabels from "./traefik-labels.js";
import type { Transform } from "./types.js";
import updateConfig from "./update-config.js";
import volumeAutoresize from "./volume-autoresize.js";

export const TRANSFORMS: readonly Transform[] = [
  s3External,
  dropMinio,
  offsiteBackup,
  backupVerify,
  envToSecrets,
  postgresExporter,
  nodeExporter,
  volumeAutoresize,
  observability,
  updateConfig,
  logRotation,
  traefikLabels,
] as unknown as Transform[];

/**
 * Presets are ordered lists of transform ids. In `pre-first-client`, s3-external runs before
 * drop-minio (it finds the storage service by its MinIO endpoint), backup-verify right after
 * offsite-backup (it verifies the job offsite-backup wires and declares the textfile volume
 * node-exporter then reads), and env-to-secrets before postgres-exporter (which reuses the
 * Postgres password secret). volume-autoresize runs after drop-minio, so a volume only MinIO
 * wrote to is no longer watched; observability runs last, so it scrapes every exporter the
 * others added and loads every rule file they wrote. `swarm-hardening` is separate: rolling
 * updates that roll back, rotated logs and Traefik labels where Swarm reads them are not gate
 * items, and each is a choice a team makes for its own stack.
 */
export const PRESETS: Record<string, readonly string[]> = {
  "pre-first-client": ["s3-external", "drop-minio", "offsite-backup", "backup-verify", "env-to-secrets", "postgres-exporter", "node-exporter", "volume-autoresize", "observability"],
  "swarm-hardening": ["update-config", "log-rotation", "traefik-labels"],
};

export function getTransform(id: string): Transform {
  const found = TRANSFORMS.find((t) => t.id === id);
  if (!found) throw new Error(`unknown transform "${id}" (known: ${TRANSFORMS.map((t) => t.id).join(", ")})`);
  return found;
}
