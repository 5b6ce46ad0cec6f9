/**
 * What a person must do before the workflow can grow anything: the secrets it reads (each named
 * once per run, shared with the other workflows compose-gate writes), and root rights for the
 * filesystem step on the server the volumes are attached to.
 */
import type { Project } from "../../project/project.js";
import { requireSecret, requireSshSecrets, SSH_SECRETS } from "../shared/workflow.js";
import type { TransformContext } from "../types.js";
import type { Target } from "./targets.js";

export function secretSteps(ctx: TransformContext, environment: string, targets: Target[]): void {
  const ids = targets.map((t) => t.key).join(", ");
  requireSecret(
    ctx,
    environment,
    "HCLOUD_TOKEN",
    `a Read & Write API token of the Hetzner Cloud project that holds volume${targets.length > 1 ? "s" : ""} ${ids} (Cloud Console → Security → API tokens)`,
  );
  requireSshSecrets(ctx, environment);
}

/** `node.labels.db == true`: where Swarm places the services writing to the volumes, when constrained. */
function placements(project: Project, targets: Target[]): string[] {
  const out = new Set<string>();
  for (const use of targets.flatMap((t) => t.uses)) {
    const constraints = (project.get(["services", use.service, "deploy", "placement", "constraints"]) ?? []) as unknown;
    if (Array.isArray(constraints)) for (const c of constraints) if (typeof c === "string") out.add(`${use.service}: ${c}`);
  }
  return [...out];
}

/**
 * The filesystem is grown as root on the server: exact sudoers lines, limited to the commands
 * and arguments the script runs (sudoers(5): a command with arguments matches only those).
 */
export function serverStep(ctx: TransformContext, targets: Target[]): void {
  const commands = targets.flatMap((t) => [
    `/usr/sbin/resize2fs ${t.id ? `/dev/disk/by-id/scsi-0HC_Volume_${t.id}` : `<the volume's device>`}`,
    `/usr/sbin/xfs_growfs ${t.mount}`,
  ]);
  const placed = placements(ctx.project, targets);
  const where = placed.length > 0 ? ` (Swarm places ${placed.join("; ")})` : "";
  ctx.manual(
    `${SSH_SECRETS.host} must reach the server the volume${targets.length > 1 ? "s are" : " is"} attached to${where}: the workflow runs df and grows the filesystem there. ` +
      `${SSH_SECRETS.user} needs root for that: log in as root, or allow exactly these commands (visudo -f /etc/sudoers.d/volume-autoresize): ` +
      `<user> ALL=(root) NOPASSWD: ${commands.join(", ")}`,
  );
}
