/**
 * swarm/log-rotation — the json-file log driver keeps every line unless `max-size` is set
 * (moby#40207), and its files live on the disk the 90 % volume alert watches. Docker's default
 * driver is json-file, but a daemon.json `log-opts` the file cannot see may rotate it, so a
 * service that names no driver is info; one that names json-file without `max-size` is a
 * warning. `local` rotates by default; other drivers ship logs elsewhere.
 */
import { reportAbsence } from "../../shared/absence.js";
import { logState } from "../../../transforms/log-rotation/state.js";
import { mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/log-rotation",
  severity: "warning",
  summary: "A service logs to json-file without max-size, so its logs grow until the disk is full",
  description:
    "Docker's json-file driver does not rotate unless `max-size` is set (https://docs.docker.com/engine/logging/" +
    "drivers/json-file/; moby#40207), and its files sit under /var/lib/docker on the disk the volume alerts watch. A " +
    "service that names json-file without `max-size` is a warning. A service that names no driver gets the daemon's " +
    "default, json-file unless daemon.json says otherwise, which the stack file cannot show: info, reported once at " +
    "`services:` when no service configures logging. The `log-rotation` transform (preset swarm-hardening) writes " +
    "`max-size` and `max-file` on the json-file driver.",
  fix: "log-rotation",
  run(ctx) {
    const services = mergedServices(ctx.project);
    const state = new Map(services.map(({ name, def }) => [name, logState(def).kind]));
    for (const [name, kind] of state) {
      if (kind !== "json-file") continue;
      ctx.report({
        path: ["services", name, "logging"],
        message: `Service "${name}" logs to json-file without max-size, so its log grows until the disk is full`,
      });
    }
    const defaults = services.filter(({ name }) => state.get(name) === "default").map(({ name }) => name);
    reportAbsence(ctx, {
      lacking: defaults,
      applicable: services.length,
      severity: "info",
      one: (name) => `Service "${name}" sets no logging: Docker's default json-file driver keeps its log unbounded unless the daemon's daemon.json rotates it`,
      command: "`compose-gate transform --only log-rotation` adds it",
      all: "No service sets logging: Docker's default json-file driver keeps logs unbounded unless the daemon's daemon.json rotates them",
    });
  },
});
