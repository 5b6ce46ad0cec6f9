/**
 * swarm/resource-limits — a service with no memory or CPU limit can take its node down: one
 * runaway task starves the database next to it, and the kernel's OOM killer picks who dies.
 * Limits live in `deploy.resources.limits` (the key docker stack deploy and docker compose both
 * read; `mem_limit`/`cpus` are forbidden or rejected under Swarm and reported by their own
 * rules, so they count as set here). Info: the right numbers are the team's to choose.
 */
import { dependsOnEnvironment, resolveDefaults } from "../../../interpolation/index.js";
import { reportAbsence } from "../../shared/absence.js";
import { isObject, mergedServices, type Service } from "../../shared/model.js";
import { defineRule } from "../../types.js";

/** A limit bounds something: present, not empty, not zero (Docker reads 0 as unlimited), or left to `${VAR}`. */
function bounds(value: unknown): boolean {
  if (value === undefined || value === null || typeof value === "boolean") return false;
  if (typeof value === "number") return value > 0;
  const text = String(value).trim();
  if (text === "") return false;
  if (dependsOnEnvironment(text)) return true;
  const number = Number.parseFloat(resolveDefaults(text));
  return !Number.isNaN(number) ? number > 0 : true;
}

function missing(def: Service): string | undefined {
  const deploy = isObject(def.deploy) ? def.deploy : {};
  const resources = isObject(deploy.resources) ? deploy.resources : {};
  const limits = isObject(resources.limits) ? resources.limits : {};
  const memory = bounds(limits.memory) || bounds(def.mem_limit);
  const cpu = bounds(limits.cpus) || bounds(def.cpus) || bounds(def.cpu_quota);
  if (memory && cpu) return undefined;
  return !memory && !cpu ? "no memory or CPU limit" : !memory ? "no memory limit" : "no CPU limit";
}

export default defineRule({
  id: "swarm/resource-limits",
  severity: "info",
  summary: "A service sets no memory or CPU limit (deploy.resources.limits)",
  description:
    "Without `deploy.resources.limits` a container may use all of its node's memory and CPU (cgroup memory.max and " +
    "cpu.max stay at max), so one runaway task degrades every service on the node and the OOM killer decides who dies " +
    "(https://docs.docker.com/reference/compose-file/deploy/#resources; CIS Docker Benchmark 5.10 and 5.11). Set " +
    "`limits.memory` (and `limits.cpus`) from what the service really uses; a reservation also tells the Swarm " +
    "scheduler where it fits. A limit of 0 is no limit. Info: the numbers are a choice only the team can make. When no " +
    "service of the stack sets limits, this is reported once, at `services:`.",
  run(ctx) {
    const all = mergedServices(ctx.project);
    const gaps = new Map(all.map(({ name, def }) => [name, missing(def)]));
    const lacking = all.filter(({ name }) => gaps.get(name) !== undefined).map(({ name }) => name);
    reportAbsence(ctx, {
      lacking,
      applicable: all.length,
      one: (name) => `Service "${name}" sets ${gaps.get(name)} (deploy.resources.limits): one runaway task can starve its node`,
      all: "No service sets deploy.resources.limits: one runaway task can starve every service on its node",
    });
  },
});
