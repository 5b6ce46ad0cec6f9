/**
 * What `s3-external` and `drop-minio` tell each other through `ctx.state` within one run.
 * The preset runs s3-external first: it records the MinIO it found (so both act on the same
 * servers) and whether it switched services and wrote a migration script (so drop-minio can
 * say that the script must run before MinIO goes).
 */
import type { MinioSetup } from "./detect.js";

export const MINIO_STATE = "minio";

export interface MinioState {
  /** The MinIO servers and init jobs as first detected in this run. */
  setup?: MinioSetup;
  /** Set by s3-external when it switched at least one service. */
  switched?: {
    services: string[];
    endpoint: string;
    /** Path of the migration script, when one was written. */
    script?: string;
  };
}

export function minioState(state: Map<string, unknown>): MinioState {
  let record = state.get(MINIO_STATE) as MinioState | undefined;
  if (!record) {
    record = {};
    state.set(MINIO_STATE, record);
  }
  return record;
}
