/**
 * swarm-hardening: make a failed rolling update roll back. For every service that names no
 * `deploy.update_config.failure_action`, writes `failure_action: rollback` (Swarm's default is
 * `pause`, which leaves the service half updated) and, for a stateless service, starts the new
 * task before stopping the old one (`order: start-first`, in update_config and rollback_config)
 * so an update causes no downtime. A service that writes to a volume or publishes a port in
 * host mode keeps Swarm's `stop-first`: two tasks on one data directory or one host port
 * would collide. See docs/transforms/update-config.md.
 */
import { z } from "zod";
import { splitOutsideInterpolation } from "../interpolation/split.js";
import { isJob, locateService } from "./shared/stack.js";
import { isSwarmStack } from "./shared/traefik.js";
import { targetOption } from "./shared/target-option.js";
import { setOnService } from "./swarm-hardening/edit.js";
import { defineTransform } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const options = z.object({
  target: targetOption,
  order: z
    .enum(["auto", "start-first", "stop-first"])
    .default("auto")
    .describe(
      "Update order to write: `auto` writes `start-first` for stateless services (no writable volume, no host-mode port) and leaves stateful ones on Swarm's `stop-first`; `start-first` or `stop-first` write that order everywhere",
    ),
});

/** The lowest v3 minor version the stack's files declare (13, the newest, when none declares one). */
function schemaMinor(project: { docs: readonly { get(path: string[]): unknown }[] }): number {
  const minors = project.docs.map((d) => /^3(?:\.(\d+))?$/.exec(String(d.get(["version"]) ?? ""))).filter((m) => m !== null).map((m) => Number(m![1] ?? 0));
  return minors.length ? Math.min(...minors) : 13;
}

/** Read-only, tmpfs, or anonymous (each task gets its own): two tasks can share it. */
function sharable(entry: unknown): boolean {
  if (isObject(entry)) return entry.type === "tmpfs" || entry.read_only === true || entry.read_only === "true" || entry.source === undefined;
  if (typeof entry !== "string") return true;
  const fields = splitOutsideInterpolation(entry.trim());
  return fields.length < 2 || (fields[2] ?? "").split(",").includes("ro");
}

/** Why a service must not run two tasks side by side during an update, or undefined when it may. */
function statefulReason(def: Record<string, unknown>): string | undefined {
  const volumes = Array.isArray(def.volumes) ? def.volumes : [];
  if (!volumes.every(sharable)) return "it writes to a volume";
  const ports = Array.isArray(def.ports) ? def.ports : [];
  if (ports.some((p) => isObject(p) && p.mode === "host" && p.published !== undefined)) return "it publishes a port in host mode";
  return undefined;
}

export default defineTransform({
  id: "update-config",
  title: "Roll back failed updates",
  summary: "Adds deploy.update_config (failure_action: rollback, start-first when stateless) and rollback_config",
  closes: "swarm/update-config",
  options,
  apply(ctx, opts) {
    const swarm = opts.target === "swarm" || (opts.target === "auto" && isSwarmStack(ctx.project));
    if (!swarm) {
      ctx.refuse(
        opts.target === "compose"
          ? "the stack is deployed with docker compose, which does not do rolling updates: update_config would not apply"
          : "nothing in the files says the stack is deployed to Swarm (no Swarm-only deploy keys, overlay networks, external secrets or Traefik Swarm provider): set update-config.target=swarm if it is",
      );
      return;
    }
    const minor = schemaMinor(ctx.project);
    for (const service of ctx.project.services()) {
      const def = ctx.project.service(service) ?? {};
      const deploy = isObject(def.deploy) ? def.deploy : {};
      const update = isObject(deploy.update_config) ? deploy.update_config : undefined;
      if (isJob(def) || (update && update.failure_action !== undefined)) continue;
      const stateful = statefulReason(def);
      // `order` is in the stack schema from 3.4 on, `rollback_config` from 3.7 on.
      const wanted = opts.order === "auto" ? (stateful ? undefined : "start-first") : opts.order;
      const order = minor >= 4 ? wanted : undefined;
      // A missing map is written whole, in one edit: on a stack of thousands of services every edit counts.
      const orderToo = order !== undefined && update?.order === undefined;
      const written = update
        ? setOnService(ctx, service, ["deploy", "update_config", "failure_action"], "rollback", "deploy.update_config") &&
          (!orderToo || setOnService(ctx, service, ["deploy", "update_config", "order"], order, "deploy.update_config.order"))
        : setOnService(ctx, service, ["deploy", "update_config"], { failure_action: "rollback", ...(orderToo ? { order } : {}) }, "deploy.update_config");
      if (!written) continue;
      const rollback = isObject(deploy.rollback_config) ? deploy.rollback_config : undefined;
      if (order && minor >= 7 && rollback?.order === undefined) {
        if (rollback) setOnService(ctx, service, ["deploy", "rollback_config", "order"], order, "deploy.rollback_config.order");
        else setOnService(ctx, service, ["deploy", "rollback_config"], { order }, "deploy.rollback_config");
      }
      const old = wanted && !order ? `; the file's version (3.${minor}) predates update_config.order (3.4), so it keeps stop-first` : "";
      const how = old || (order ? ` and starts new tasks ${order === "start-first" ? "before" : "after"} stopping old ones (order: ${order})` : `; ${stateful}, so it keeps Swarm's stop-first order`);
      ctx.change(`services.${service}: a failed update now rolls back (update_config.failure_action: rollback)${how}`, locateService(ctx.project, service));
    }
  },
});
