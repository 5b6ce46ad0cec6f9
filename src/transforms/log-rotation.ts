/**
 * swarm-hardening: rotate json-file logs. A service that logs to json-file without `max-size`
 * gets `max-size` and `max-file` in its `logging.options`; a service that names no driver gets
 * the json-file driver with both options, because an option without a driver would apply to
 * whatever driver the daemon defaults to (journald, for one, rejects `max-size` and the
 * container would not start). Values follow Docker's json-file documentation example
 * (`max-size: 10m`, `max-file: 3`). See docs/transforms/log-rotation.md.
 */
import { z } from "zod";
import { locateService } from "./shared/stack.js";
import { setOnService } from "./swarm-hardening/edit.js";
import { defineTransform } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

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
      const def = ctx.project.service(service) ?? {};
      const logging = isObject(def.logging) ? def.logging : undefined;
      const driver = logging?.driver;
      const opts2 = isObject(logging?.options) ? logging.options : {};
      if (opts2["max-size"] !== undefined && opts2["max-size"] !== null && String(opts2["max-size"]).trim() !== "") continue;
      if (driver !== undefined && driver !== null && driver !== "json-file") continue;
      const named = driver === "json-file";
      if (!named && opts2["max-file"] === undefined && opts.servicesWithoutDriver === "skip") continue;
      const rotation: [string, string][] = [["max-size", opts.maxSize]];
      if (opts2["max-file"] === undefined) rotation.push(["max-file", String(opts.maxFile)]);
      if (!named && !setOnService(ctx, service, ["logging", "driver"], "json-file", "logging.driver")) continue;
      if (!rotation.every(([key, value]) => setOnService(ctx, service, ["logging", "options", key], value, `logging.options.${key}`))) continue;
      ctx.change(
        `services.${service}: json-file logs now rotate at ${opts.maxSize}${opts2["max-file"] === undefined ? `, ${opts.maxFile} files kept` : ""}${named ? "" : " (driver json-file, the daemon's default, written out)"}`,
        locateService(ctx.project, service),
      );
    }
  },
});
