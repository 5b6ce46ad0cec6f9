/** The command offsite-backup and backup-verify give for a postgres-backup-s3 backup run by hand. */
import type { TransformContext } from "../types.js";

/**
 * How to run one backup by hand. `docker exec` does not go through an entrypoint, so once
 * env-to-secrets has wrapped the job in its shim the secrets must be exported first (its step
 * gives the exact command).
 */
export function manualBackup(ctx: TransformContext, container: string): string {
  const shim = ctx.later.includes("env-to-secrets") ? "; if env-to-secrets wrapped the job in its entrypoint shim, run it with the exports its step gives, since docker exec skips the shim" : "";
  return `docker exec ${container} sh backup.sh${shim}`;
}
