/**
 * The steps no file can take, each said once: put values in the secrets, point DNS at Traefik,
 * deploy the stacks in the order the shared network needs.
 */
import { newSwarmSecrets } from "../shared/swarm-secrets.js";
import type { TransformContext } from "../types.js";
import { parseVolumeMount } from "../../project/volume-mounts.js";
import type { Run } from "./run.js";

const WHAT: Record<string, string> = {
  grafana_admin_password: "Grafana's admin password (e.g. `openssl rand -base64 24`)",
  alertmanager_slack_webhook_url: "the Slack incoming-webhook URL alerts are posted to",
  alertmanager_smtp_password: "the SMTP password Alertmanager logs in with",
};

/**
 * How the new secrets get their values. Under Swarm they are external secrets, created with the
 * app's by env-to-secrets' script and secrets-sync workflow when it writes them in this run
 * (shared/swarm-secrets.ts), else by hand.
 */
export function secretSteps(run: Run, secrets: readonly string[]): void {
  if (run.target !== "swarm") {
    for (const secret of secrets) run.ctx.manual(`write ${WHAT[secret]} to ./secrets/${secret} (next to ${run.doc.filename}, mode 600, out of version control) before starting the observability stack`);
    return;
  }
  newSwarmSecrets(run.ctx, {
    secrets: secrets.map((name) => ({ name, what: WHAT[name] })),
    fallback: (ctx: TransformContext) => {
      for (const secret of secrets) {
        ctx.manual(`create the Docker secret ${secret} holding ${WHAT[secret]} before deploying the observability stack: printf '%s' '<value>' | docker secret create ${secret} -`);
      }
    },
  });
}

export function dnsStep(run: Run, host: string, traefik: string): void {
  run.ctx.manual(`point the DNS name ${host} at the node(s) where ${traefik} publishes port 443, as for the app's other host names`);
}

export function deployStep(run: Run, appNetwork: string | undefined): void {
  const first = appNetwork ? `deploy the app stack first (it creates the network ${run.o.network}), then ` : "";
  const command =
    run.target === "swarm"
      ? `docker stack deploy -c ${run.doc.filename} <app stack name>-obs`
      : `docker compose -f ${run.doc.filename} -p <project name>-obs up -d`;
  run.ctx.manual(`${first}deploy the observability stack on its own: ${command}`);
}

/**
 * What a Swarm deploy of the observability stack needs kept in mind afterwards: its configs are
 * immutable objects (only their labels can change), and its named volumes live on whichever node
 * a task ran on.
 */
export function swarmCareSteps(run: Run): void {
  if (run.target !== "swarm") return;
  run.ctx.manual(
    `when you later edit a file under ${run.o.configDir}/, give its entry under configs: in ${run.doc.filename} a new name in the same change (e.g. a _v2 suffix): Swarm configs cannot change in place, so docker stack deploy refuses the edited file under the old name`,
  );
  const unpinned = run.doc.services().filter((service) => keepsNamedVolume(run, service) && !run.doc.has(["services", service, "deploy", "placement", "constraints"]));
  if (unpinned.length === 0) return;
  run.ctx.manual(
    `pin ${unpinned.join(", ")} to one node with deploy.placement.constraints (e.g. node.hostname == <host>): their named volumes live on the node a task runs on, and a task moved elsewhere starts empty`,
  );
}

/** Whether the service mounts a named volume (short or long syntax). */
function keepsNamedVolume(run: Run, service: string): boolean {
  const volumes = run.doc.get(["services", service, "volumes"]);
  return Array.isArray(volumes) && volumes.map(parseVolumeMount).some((m) => m?.type === "volume" && m.source !== undefined);
}
