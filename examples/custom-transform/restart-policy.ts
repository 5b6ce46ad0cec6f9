/**
 * An example transform: `docker stack deploy` ignores `restart:` and reads
 * `deploy.restart_policy` instead, so a stack written for `docker compose` restarts its services
 * differently under Swarm. This gives each service with `restart:` the matching policy.
 */
import { defineTransform, EditError } from "compose-gate";
import { z } from "zod";

/** compose `restart:` value → Swarm `restart_policy.condition` (Swarm has no "unless stopped"). */
const CONDITION: Record<string, "none" | "any" | "on-failure"> = {
  no: "none",
  always: "any",
  "unless-stopped": "any",
  "on-failure": "on-failure",
};

export default defineTransform({
  id: "restart-policy",
  title: "Swarm restart policies",
  summary: "Gives each service with restart: the deploy.restart_policy docker stack deploy reads",
  options: z.object({
    delay: z.string().default("5s").describe("deploy.restart_policy.delay written with each policy"),
    services: z.array(z.string()).default([]).describe("Services to change; empty = every service with restart:"),
  }),
  apply(ctx, options) {
    const { project } = ctx;
    for (const service of project.services()) {
      if (options.services.length > 0 && !options.services.includes(service)) continue;
      const restart = project.get(["services", service, "restart"]);
      const policyPath = ["services", service, "deploy", "restart_policy"];
      // A service that already has a policy is left alone: that is also what makes a second run a no-op.
      if (restart === undefined || project.get(policyPath) !== undefined) continue;

      const at = { location: project.locate(["services", service, "restart"]), service };
      const [, mode, retries] = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(String(restart)) ?? [];
      if (!mode) {
        ctx.refuse(`${service}: restart: ${String(restart)} is not a value this transform can translate`, at);
        continue;
      }
      const placement = project.placeSet(policyPath);
      if (!placement.ok) {
        ctx.refuse(`${service}: ${placement.reason}`, at);
        continue;
      }
      const policy = { condition: CONDITION[mode], delay: options.delay, ...(retries ? { max_attempts: Number(retries) } : {}) };
      try {
        placement.doc.set(policyPath, policy);
      } catch (error) {
        // An edit inside text shared through an anchor is refused by the document layer.
        if (!(error instanceof EditError)) throw error;
        ctx.refuse(`${service}: ${error.message}`, at);
        continue;
      }
      ctx.change(`${service}: deploy.restart_policy.condition ${policy.condition} (from restart: ${String(restart)})`, at);
    }
  },
});
