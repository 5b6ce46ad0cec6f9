/**
 * The compose file as zod schemas, following the compose spec's JSON schema (compose-go's
 * `schema/compose-spec.json`) key for key, so that what Docker Compose rejects is reported here
 * and what it accepts passes.
 *
 * Two choices shape every schema:
 * - Values are validated before interpolation, so every typed field also takes a string
 *   (`replicas: "${N:-1}"`), exactly as the spec does.
 * - Parsing never drops what the user wrote: unknown keys stay in the output and are reported
 *   as issues, except `x-*` keys wherever the spec allows extensions.
 */
import { z } from "zod";
import { namedMap, specObject } from "./base.js";
import { Config, Include, Model, Network, Secret, Volume } from "./resources.js";
import { Service } from "./service.js";

export const ComposeFile = specObject(
  {
    /** Obsolete; Compose warns and ignores it. */
    version: z.string().optional(),
    name: z.string().optional(),
    include: z.array(Include).optional(),
    services: namedMap(Service, "service").optional(),
    models: namedMap(Model, "model", false).optional(),
    networks: namedMap(Network, "network", false).optional(),
    volumes: namedMap(Volume, "volume").optional(),
    secrets: namedMap(Secret, "secret").optional(),
    configs: namedMap(Config, "config").optional(),
  },
  { what: "top-level" },
);
export type ComposeFile = z.infer<typeof ComposeFile>;

export { Command, ListOrDict } from "./base.js";
export { Deploy, DeviceRequest, Placement, Resources, RestartPolicy, RolloutConfig } from "./deploy.js";
export { Config, Include, Model, Network, Secret, Volume } from "./resources.js";
export { SERVICE_KEYS, Service } from "./service.js";
export { Build, Develop, ServiceHook } from "./build.js";
export { Port, ServiceConfig, ServiceFileMount, ServiceSecret, VolumeMount } from "./mounts.js";
export { DependsOn, EnvFile, Extends, Healthcheck, Logging, ServiceNetworks, Ulimits } from "./service-parts.js";

/** The service `environment:` value: a map of KEY: value or a list of KEY=value strings. */
export { ListOrDict as Environment } from "./base.js";
