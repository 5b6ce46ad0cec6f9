/**
 * Top-level resources that services refer to by name: networks, volumes, secrets, configs,
 * models, and `include:` entries.
 */
import { z } from "zod";
import { DriverOpts, ListOrDict, StringOrList, boolOrString, oneOf, specObject } from "./base.js";

/** `external:` — `true`, an interpolated string, or the deprecated `{name}` form. */
function externalFlag(what: string, closed: boolean) {
  const named = closed ? specObject({ name: z.string().optional() }, { what: `external ${what}` }) : z.looseObject({ name: z.string().optional() });
  return oneOf([z.boolean(), z.string(), named], "expected true/false, a string, or a map with name");
}

const IpamConfig = specObject(
  {
    subnet: z.string().optional(),
    ip_range: z.string().optional(),
    gateway: z.string().optional(),
    aux_addresses: z.record(z.string(), z.string()).optional(),
  },
  { what: "ipam config" },
);

const Ipam = specObject(
  {
    driver: z.string().optional(),
    config: z.array(IpamConfig).optional(),
    options: z.record(z.string(), z.string()).optional(),
  },
  { what: "ipam" },
);

/** A top-level network; `backend:` with no value (null) declares a default one. */
export const Network = specObject(
  {
    name: z.string().optional(),
    driver: z.string().optional(),
    driver_opts: DriverOpts.optional(),
    ipam: Ipam.optional(),
    external: externalFlag("network", true).optional(),
    internal: boolOrString.optional(),
    enable_ipv4: boolOrString.optional(),
    enable_ipv6: boolOrString.optional(),
    attachable: boolOrString.optional(),
    labels: ListOrDict.optional(),
  },
  { what: "network" },
).nullable();
export type Network = z.infer<typeof Network>;

/** A top-level volume; `data:` with no value (null) declares a default one. */
export const Volume = specObject(
  {
    name: z.string().optional(),
    driver: z.string().optional(),
    driver_opts: DriverOpts.optional(),
    external: externalFlag("volume", true).optional(),
    labels: ListOrDict.optional(),
  },
  { what: "volume" },
).nullable();
export type Volume = z.infer<typeof Volume>;

/**
 * A top-level secret. Unlike volumes and networks the spec requires a map here: a secret
 * without `file`, `environment` or `external` has no source.
 */
export const Secret = specObject(
  {
    name: z.string().optional(),
    environment: z.string().optional(),
    file: z.string().optional(),
    external: externalFlag("secret", false).optional(),
    labels: ListOrDict.optional(),
    driver: z.string().optional(),
    driver_opts: DriverOpts.optional(),
    template_driver: z.string().optional(),
  },
  { what: "secret" },
);
export type Secret = z.infer<typeof Secret>;

/** A top-level config; like secrets, a map is required. `content` inlines the data. */
export const Config = specObject(
  {
    name: z.string().optional(),
    content: z.string().optional(),
    environment: z.string().optional(),
    file: z.string().optional(),
    external: externalFlag("config", false).optional(),
    labels: ListOrDict.optional(),
    template_driver: z.string().optional(),
  },
  { what: "config" },
);
export type Config = z.infer<typeof Config>;

export const Model = specObject(
  {
    name: z.string().optional(),
    model: z.string(),
    context_size: z.number().int().optional(),
    runtime_flags: z.array(z.string()).optional(),
  },
  { what: "model" },
);
export type Model = z.infer<typeof Model>;

/** An `include:` entry: a path, or `{path, env_file, project_directory}`. */
export const Include = oneOf(
  [
    z.string(),
    specObject(
      { path: StringOrList.optional(), env_file: StringOrList.optional(), project_directory: z.string().optional() },
      { what: "include", extensions: false },
    ),
  ],
  "expected a path or a map with path, env_file and project_directory",
);
export type Include = z.infer<typeof Include>;
