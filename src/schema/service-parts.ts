/**
 * The structured values a service is made of (ports, volumes, secrets, healthcheck…), each in
 * every form the compose spec accepts: short strings as well as long maps.
 */
import { z } from "zod";
import {
  Command,
  DriverOpts,
  ListOfStrings,
  ListOrDict,
  StringOrList,
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

export const Ulimits = z.record(
  z.string(),
  oneOf(
    [intOrString, specObject({ hard: intOrString, soft: intOrString }, { what: "ulimit" })],
    "expected a limit (integer) or a map with soft and hard limits",
  ),
);
export type Ulimits = z.infer<typeof Ulimits>;

/** A `secrets:` / `configs:` entry of a service: a name, or a map saying where and how to mount. */
export const ServiceFileMount = oneOf(
  [
    z.string(),
    specObject(
      {
        source: z.string().optional(),
        target: z.string().optional(),
        uid: z.string().optional(),
        gid: z.string().optional(),
        mode: numberOrString.optional(),
      },
      { what: "secret/config mount" },
    ),
  ],
  "expected a name, or a map with source, target, uid, gid and mode",
);
export type ServiceFileMount = z.infer<typeof ServiceFileMount>;
export const ServiceSecret = ServiceFileMount;
export type ServiceSecret = ServiceFileMount;
export const ServiceConfig = ServiceFileMount;
export type ServiceConfig = ServiceFileMount;

export const ServiceFileMounts = z.array(ServiceFileMount);

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

const PortMapping = specObject(
  {
    name: z.string().optional(),
    mode: z.string().optional(),
    host_ip: z.string().optional(),
    target: intOrString.optional(),
    published: oneOf([z.string(), z.number().int()], `expected a port number or a string such as "8080-8081"`).optional(),
    protocol: z.string().optional(),
    app_protocol: z.string().optional(),
  },
  { what: "port" },
);

/** A `ports:` entry: `80`, `"8080:80/udp"`, `"${PORT}:80"` or the long map. */
export const Port = oneOf(
  [z.number(), z.string(), PortMapping],
  `expected a port number, a "[HOST:]CONTAINER[/PROTOCOL]" string or a map with target, published, protocol…`,
);
export type Port = z.infer<typeof Port>;

const VolumeType = z.enum(["bind", "volume", "tmpfs", "cluster", "npipe", "image"]);

const MountOptions = {
  bind: specObject(
    {
      propagation: z.string().optional(),
      create_host_path: boolOrString.optional(),
      recursive: z.enum(["enabled", "disabled", "writable", "readonly"]).optional(),
      selinux: z.enum(["z", "Z"]).optional(),
    },
    { what: "bind option" },
  ),
  volume: specObject(
    { labels: ListOrDict.optional(), nocopy: boolOrString.optional(), subpath: z.string().optional() },
    { what: "volume option" },
  ),
  tmpfs: specObject(
    {
      size: oneOf([z.number().int().min(0), z.string()], "expected a size in bytes or a string such as \"64m\"").optional(),
      mode: numberOrString.optional(),
    },
    { what: "tmpfs option" },
  ),
  image: specObject({ subpath: z.string().optional() }, { what: "image option" }),
};

const MountSpec = specObject(
  {
    type: VolumeType,
    source: z.string().optional(),
    target: z.string().optional(),
    read_only: boolOrString.optional(),
    consistency: z.string().optional(),
    bind: MountOptions.bind.optional(),
    volume: MountOptions.volume.optional(),
    tmpfs: MountOptions.tmpfs.optional(),
    image: MountOptions.image.optional(),
  },
  { what: "volume mount" },
);

/** A service `volumes:` entry: `"src:/target:ro"` or the long map (`type` is required there). */
export const VolumeMount = oneOf(
  [z.string(), MountSpec],
  `expected a "SOURCE:TARGET[:MODE]" string or a map with type, source, target…`,
);
export type VolumeMount = z.infer<typeof VolumeMount>;

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

export const Build = oneOf(
  [
    z.string(),
    specObject(
      {
        context: z.string().optional(),
        dockerfile: z.string().optional(),
        dockerfile_inline: z.string().optional(),
        entitlements: z.array(z.string()).optional(),
        args: ListOrDict.optional(),
        ssh: ListOrDict.optional(),
        labels: ListOrDict.optional(),
        cache_from: z.array(z.string()).optional(),
        cache_to: z.array(z.string()).optional(),
        no_cache: boolOrString.optional(),
        additional_contexts: ListOrDict.optional(),
        network: z.string().optional(),
        provenance: boolOrString.optional(),
        sbom: boolOrString.optional(),
        pull: boolOrString.optional(),
        target: z.string().optional(),
        shm_size: intOrString.optional(),
        extra_hosts: ExtraHosts.optional(),
        isolation: z.string().optional(),
        privileged: boolOrString.optional(),
        secrets: ServiceFileMounts.optional(),
        tags: z.array(z.string()).optional(),
        ulimits: Ulimits.optional(),
        platforms: z.array(z.string()).optional(),
      },
      { what: "build" },
    ),
  ],
  "expected a build context path or a map with context, dockerfile, args…",
);
export type Build = z.infer<typeof Build>;

/** A `post_start` / `pre_start` / `pre_stop` hook. */
export const ServiceHook = specObject(
  {
    command: Command,
    user: z.string().optional(),
    privileged: boolOrString.optional(),
    working_dir: z.string().optional(),
    environment: ListOrDict.optional(),
  },
  { what: "lifecycle hook" },
);
export type ServiceHook = z.infer<typeof ServiceHook>;

export const Develop = specObject(
  {
    watch: z
      .array(
        specObject(
          {
            ignore: StringOrList.optional(),
            include: StringOrList.optional(),
            path: z.string(),
            action: z.enum(["rebuild", "sync", "restart", "sync+restart", "sync+exec"]),
            target: z.string().optional(),
            exec: ServiceHook.optional(),
          },
          { what: "watch rule" },
        ),
      )
      .optional(),
  },
  { what: "develop" },
).nullable();
export type Develop = z.infer<typeof Develop>;

const BlkioLimit = specObject({ path: z.string().optional(), rate: intOrString.optional() }, { what: "blkio limit", extensions: false });
const BlkioWeight = specObject({ path: z.string().optional(), weight: intOrString.optional() }, { what: "blkio weight", extensions: false });

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

const Primitive = oneOf([z.string(), z.number(), z.boolean()], "expected a string, number or boolean");

export const Provider = specObject(
  {
    type: z.string(),
    options: z.record(z.string(), oneOf([Primitive, z.array(Primitive)], "expected a value or a list of values")).optional(),
  },
  { what: "provider" },
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

export const Devices = z.array(
  oneOf(
    [
      z.string(),
      specObject(
        { source: z.string(), target: z.string().optional(), permissions: z.string().optional() },
        { what: "device" },
      ),
    ],
    `expected a "HOST:CONTAINER[:PERMISSIONS]" string or a map with source, target, permissions`,
  ),
);

export const CredentialSpec = specObject(
  { config: z.string().optional(), file: z.string().optional(), registry: z.string().optional() },
  { what: "credential_spec" },
);

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
