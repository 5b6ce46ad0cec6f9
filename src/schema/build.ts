/**
 * How a service's image is built and what runs around its container: `build:`, lifecycle
 * hooks, `develop:` watch rules and `provider:`.
 */
import { z } from "zod";
import { Command, ListOrDict, StringOrList, boolOrString, intOrString, oneOf, specObject } from "./base.js";
import { ServiceFileMounts } from "./mounts.js";
import { ExtraHosts, Ulimits } from "./service-parts.js";

/** `build:`: a context path, or the long map (context, dockerfile, args, target…). */
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

/** `develop:`: `docker compose watch` rules; an empty `develop:` is allowed. */
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

const Primitive = oneOf([z.string(), z.number(), z.boolean()], "expected a string, number or boolean");

/** `provider:`: a service managed by an external component instead of a container. */
export const Provider = specObject(
  {
    type: z.string(),
    options: z.record(z.string(), oneOf([Primitive, z.array(Primitive)], "expected a value or a list of values")).optional(),
  },
  { what: "provider" },
);
