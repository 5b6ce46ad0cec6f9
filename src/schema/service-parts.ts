/**
 * The smaller structured values of a service (dependencies, env files, healthcheck, logging,
 * networks, limits…) in every form the compose spec accepts.
 */
import { z } from "zod";
import {
  DriverOpts,
  ListOfStrings,
  ListOrDict,
  boolOrString,
  intOrString,
  namedMap,
  numberOrString,
  oneOf,
  specObject,
  uniqueList,
} from "./base.js";

/** `extra_hosts`: `host: ip` (or several ips) or `host:ip` / `host=ip` strings. */
export const ExtraHosts = oneOf(
  [z.record(z.string(), oneOf([z.string(), z.array(z.string())], "expected an IP address or a list of them")), uniqueList(z.string())],
  `must be a map of host: ip or a list of "host:ip" strings`,
);

/** `ulimits:`: one number for both limits, or `{soft, hard}`, per limit name. */
export const Ulimits = z.record(
  z.string(),
  oneOf(
    [intOrString, specObject({ hard: intOrString, soft: intOrString }, { what: "ulimit" })],
    "expected a limit (integer) or a map with soft and hard limits",
  ),
);
export type Ulimits = z.infer<typeof Ulimits>;

const Condition = z.enum(["service_started", "service_healthy", "service_completed_successfully"]);

/** `depends_on`: a list of service names, or a map of name to condition. */
export const DependsOn = oneOf(
  [
    ListOfStrings,
    namedMap(
      specObject(
        { condition: Condition, restart: boolOrString.optional(), required: z.boolean().optional() },
        { what: "depends_on entry" },
      ),
      "service",
    ),
  ],
  "must be a list of service names or a map of service name to {condition, restart, required}",
);
export type DependsOn = z.infer<typeof DependsOn>;

/** `env_file`: a path, or a list of paths or `{path, required, format}` maps. */
export const EnvFile = oneOf(
  [
    z.string(),
    z.array(
      oneOf(
        [
          z.string(),
          specObject(
            { path: z.string(), format: z.string().optional(), required: boolOrString.optional() },
            { what: "env_file entry", extensions: false },
          ),
        ],
        "expected a path or a map with path and required",
      ),
    ),
  ],
  "expected a path, or a list of paths or {path, required} maps",
);
export type EnvFile = z.infer<typeof EnvFile>;

/** `healthcheck:`; durations stay strings ("1m30s") and `retries` may be interpolated. */
export const Healthcheck = specObject(
  {
    disable: boolOrString.optional(),
    interval: z.string().optional(),
    retries: numberOrString.optional(),
    test: oneOf([z.string(), z.array(z.string())], "expected a command string or a list such as [\"CMD\", …]").optional(),
    timeout: z.string().optional(),
    start_period: z.string().optional(),
    start_interval: z.string().optional(),
  },
  { what: "healthcheck" },
);
export type Healthcheck = z.infer<typeof Healthcheck>;

/** `logging:`: a driver and its options. */
export const Logging = specObject(
  {
    driver: z.string().optional(),
    options: z.record(z.string(), oneOf([z.string(), z.number(), z.null()], "expected a string or a number")).optional(),
  },
  { what: "logging" },
);
export type Logging = z.infer<typeof Logging>;

const NetworkAttachment = specObject(
  {
    aliases: ListOfStrings.optional(),
    interface_name: z.string().optional(),
    ipv4_address: z.string().optional(),
    ipv6_address: z.string().optional(),
    link_local_ips: ListOfStrings.optional(),
    mac_address: z.string().optional(),
    driver_opts: DriverOpts.optional(),
    priority: z.number().optional(),
    gw_priority: z.number().optional(),
  },
  { what: "network attachment" },
);

/** A service's `networks:`: a list of names, or a map of name to attachment options (or empty). */
export const ServiceNetworks = oneOf(
  [ListOfStrings, namedMap(NetworkAttachment.nullable(), "network")],
  "must be a list of network names or a map of network name to options",
);
export type ServiceNetworks = z.infer<typeof ServiceNetworks>;

/** `extends`: a service name, or `{service, file}`. */
export const Extends = oneOf(
  [z.string(), specObject({ service: z.string(), file: z.string().optional() }, { what: "extends", extensions: false })],
  "expected a service name or a map with service and file",
);
export type Extends = z.infer<typeof Extends>;

const BlkioLimit = specObject({ path: z.string().optional(), rate: intOrString.optional() }, { what: "blkio limit", extensions: false });
const BlkioWeight = specObject({ path: z.string().optional(), weight: intOrString.optional() }, { what: "blkio weight", extensions: false });

/** `blkio_config:`; the spec allows no `x-*` keys here. */
export const BlkioConfig = specObject(
  {
    device_read_bps: z.array(BlkioLimit).optional(),
    device_read_iops: z.array(BlkioLimit).optional(),
    device_write_bps: z.array(BlkioLimit).optional(),
    device_write_iops: z.array(BlkioLimit).optional(),
    weight: intOrString.optional(),
    weight_device: z.array(BlkioWeight).optional(),
  },
  { what: "blkio_config", extensions: false },
);

/** `gpus`: `all`, or a list of device requests (the spec leaves their keys open). */
export const Gpus = oneOf(
  [
    z.literal("all"),
    z.array(
      z.looseObject({
        capabilities: ListOfStrings.optional(),
        count: oneOf([z.string(), z.number().int()], "expected an integer or a string").optional(),
        device_ids: ListOfStrings.optional(),
        driver: z.string().optional(),
        options: ListOrDict.optional(),
      }),
    ),
  ],
  `must be "all" or a list of GPU device requests`,
);

/** `credential_spec:` (Windows managed service accounts). */
export const CredentialSpec = specObject(
  { config: z.string().optional(), file: z.string().optional(), registry: z.string().optional() },
  { what: "credential_spec" },
);

/** A service's `models:`: names, or a map of name to the variables that receive the endpoint. */
export const ServiceModels = oneOf(
  [
    ListOfStrings,
    namedMap(
      specObject({ endpoint_var: z.string().optional(), model_var: z.string().optional() }, { what: "model reference" }),
      "model",
      false,
    ),
  ],
  "must be a list of model names or a map of model name to {endpoint_var, model_var}",
);
