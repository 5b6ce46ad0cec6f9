/**
 * `deploy:` — the part of a service that Swarm (and, partly, Compose) reads for placement,
 * replicas, resources and rollout. Shapes follow the compose spec's `deployment` definition.
 */
import { z } from "zod";
import { ListOfStrings, ListOrDict, intOrString, numberOrString, oneOf, specObject } from "./base.js";

const UpdateOrder = z.enum(["start-first", "stop-first"]);

/** `update_config` and `rollback_config` share one shape. */
export const RolloutConfig = specObject(
  {
    parallelism: intOrString.optional(),
    delay: z.string().optional(),
    failure_action: z.string().optional(),
    monitor: z.string().optional(),
    max_failure_ratio: numberOrString.optional(),
    order: UpdateOrder.optional(),
  },
  { what: "update/rollback config" },
);
export type RolloutConfig = z.infer<typeof RolloutConfig>;

const GenericResource = specObject(
  {
    discrete_resource_spec: specObject(
      { kind: z.string().optional(), value: numberOrString.optional() },
      { what: "discrete_resource_spec" },
    ).optional(),
  },
  { what: "generic resource" },
);

/**
 * A device reservation. The spec asks for `capabilities` or `driver`; the documented GPU
 * example sets both, so at least one is required rather than exactly one.
 */
export const DeviceRequest = specObject(
  {
    capabilities: ListOfStrings.optional(),
    count: oneOf([z.string(), z.number().int()], `expected an integer, "all" or a string such as "\${VAR}"`).optional(),
    device_ids: ListOfStrings.optional(),
    driver: z.string().optional(),
    options: ListOrDict.optional(),
  },
  { what: "device request" },
).superRefine((device, ctx) => {
  if (device.capabilities === undefined && device.driver === undefined) {
    ctx.addIssue({ code: "custom", message: "a device request needs `capabilities` or `driver`" });
  }
});
export type DeviceRequest = z.infer<typeof DeviceRequest>;

const ResourceLimits = specObject(
  { cpus: numberOrString.optional(), memory: z.string().optional(), pids: intOrString.optional() },
  { what: "resource limits" },
);

const ResourceReservations = specObject(
  {
    cpus: numberOrString.optional(),
    memory: z.string().optional(),
    generic_resources: z.array(GenericResource).optional(),
    devices: z.array(DeviceRequest).optional(),
  },
  { what: "resource reservations" },
);

export const Resources = specObject(
  { limits: ResourceLimits.optional(), reservations: ResourceReservations.optional() },
  { what: "resources" },
);
export type Resources = z.infer<typeof Resources>;

export const RestartPolicy = specObject(
  {
    condition: z.string().optional(),
    delay: z.string().optional(),
    max_attempts: intOrString.optional(),
    window: z.string().optional(),
  },
  { what: "restart_policy" },
);
export type RestartPolicy = z.infer<typeof RestartPolicy>;

export const Placement = specObject(
  {
    constraints: z.array(z.string()).optional(),
    preferences: z.array(specObject({ spread: z.string().optional() }, { what: "placement preference" })).optional(),
    max_replicas_per_node: intOrString.optional(),
  },
  { what: "placement" },
);
export type Placement = z.infer<typeof Placement>;

/** `deploy:` itself; an empty `deploy:` (null) is allowed by the spec. */
export const Deploy = specObject(
  {
    mode: z.string().optional(),
    endpoint_mode: z.string().optional(),
    replicas: intOrString.optional(),
    labels: ListOrDict.optional(),
    rollback_config: RolloutConfig.optional(),
    update_config: RolloutConfig.optional(),
    resources: Resources.optional(),
    restart_policy: RestartPolicy.optional(),
    placement: Placement.optional(),
  },
  { what: "deploy" },
).nullable();
export type Deploy = z.infer<typeof Deploy>;
