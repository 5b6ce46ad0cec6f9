/**
 * swarm-hardening: rotate json-file logs. A service that logs to json-file without `max-size`
 * gets `max-size` and `max-file` in its `logging.options`; a service that names no driver gets
 * the json-file driver with both options, because an option without a driver would apply to
 * whatever driver the daemon defaults to (journald, for one, rejects `max-size` and the
 * container would not start). Values follow Docker's json-file documentation example
 * (`max-size: 10m`, `max-file: 3`). See docs/transforms/log-rotation.md.
 */
import { z } from "zod";
import { logState } from "./log-rotation/state.js";
import { locateService } from "./shared/stack.js";
import { setOnService } from "./swarm-hardening/edit.js";
import { defineTransform } from "./types.js";

const options = z.object({
  maxSize: z
    .string()
    .regex(/^\d+[kmg]$/)
    .default("10m")
    .describe("`max-size` of one log file (json-file syntax: a number with k, m or g); 10m as in Docker's json-file documentation"),
  maxFile: z.number().int().min(1).default(3).describe("`max-file`: how many rotated files to keep; 3 as in Docker's json-file documentation"),
  servicesWithoutDriver: z
    .enum(["json-file", "skip"])
    .default("json-file")
    .describe(
      "Services that name no log driver: `json-file` writes the driver with rotation (the daemon's default, made explicit), `skip` leaves them to the daemon's daemon.json",
    ),
});

export default defineTransform({
  id: "log-rotation",
  title: "Rotate json-file logs",
  summary: "Adds max-size and max-file to services that log to json-file (Docker's default driver) without rotation",
  closes: "swarm/log-rotation",
  options,
  apply(ctx, opts) {
    for (const service of ctx.project.services()) {
      const state = logState(ctx.project.service(service) ?? {});
      if (state.kind === "rotated" || (state.kind === "default" && opts.servicesWithoutDriver === "skip")) continue;
      const named = state.kind === "json-file";
      const keepsFiles = state.options["max-file"] !== undefined;
      const rotation: [string, string][] = [["max-size", opts.maxSize]];
      if (!keepsFiles) rotation.push(["max-file", String(opts.maxFile)]);
      const def = ctx.project.service(service) ?? {};
      if (def.logging === undefined) {
        // No logging at all: one edit writes the whole block (every edit counts on a large stack).
        if (!setOnService(ctx, service, ["logging"], { driver: "json-file", options: Object.fromEntries(rotation) }, "logging")) continue;
      } else {
        if (!named && !setOnService(ctx, service, ["logging", "driver"], "json-file", "logging.driver")) continue;
        if (!rotation.every(([key, value]) => setOnService(ctx, service, ["logging", "options", key], value, `logging.options.${key}`))) continue;
      }
      ctx.change(
        `services.${service}: json-file logs now rotate at ${opts.maxSize}${keepsFiles ? "" : `, ${opts.maxFile} files kept`}${named ? "" : " (driver json-file, the daemon's default, written out)"}`,
        locateService(ctx.project, service),
      );
    }
  },
});
