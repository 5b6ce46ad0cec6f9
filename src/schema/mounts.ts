/**
 * What a service mounts or publishes: secrets and configs, ports, volumes and devices, each in
 * the short string form and the long map form the compose spec accepts.
 */
import { z } from "zod";
import { ListOrDict, boolOrString, intOrString, numberOrString, oneOf, specObject } from "./base.js";

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

/** A service's `secrets:` or `configs:` list. */
export const ServiceFileMounts = z.array(ServiceFileMount);

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

/** `devices:`: `"HOST:CONTAINER[:PERMISSIONS]"` strings or `{source, target, permissions}` maps. */
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
