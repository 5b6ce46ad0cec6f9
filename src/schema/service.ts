/**
 * A compose service: every key of the spec's `service` definition (compose-go's copy, which
 * also has `pre_start`). Unknown keys are reported unless they start with `x-`.
 */
import { z } from "zod";
import {
  Command,
  ListOfStrings,
  ListOrDict,
  StringOrList,
  boolOrString,
  intOrString,
  numberOrString,
  oneOf,
  specObject,
  uniqueList,
} from "./base.js";
import { Deploy } from "./deploy.js";
import { Build, Develop, Provider, ServiceHook } from "./build.js";
import { Devices, Port, ServiceFileMounts, VolumeMount } from "./mounts.js";
import {
  BlkioConfig,
  CredentialSpec,
  DependsOn,
  EnvFile,
  Extends,
  ExtraHosts,
  Gpus,
  Healthcheck,
  Logging,
  ServiceModels,
  ServiceNetworks,
  Ulimits,
} from "./service-parts.js";

const stringOrPositiveInt = oneOf([z.string(), z.number().int().min(0)], "expected a non-negative integer or a string");

/** The spec's pattern is unanchored: it only asks for one valid run of characters somewhere. */
const ContainerName = z.string().regex(/[a-zA-Z0-9][a-zA-Z0-9_.-]+/, {
  error: "must contain a name made of letters, digits, \"_\", \".\" and \"-\"",
});

/** Also unanchored in the spec, so any value that mentions a known policy passes. */
const PullPolicy = z.string().regex(/always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+/, {
  error: "expected always, never, missing, build, if_not_present, refresh, daily, weekly or every_<duration>",
});

const runtime = {
  cgroup: z.enum(["host", "private"]).optional(),
  cgroup_parent: z.string().optional(),
  cpu_count: stringOrPositiveInt.optional(),
  cpu_percent: oneOf([z.string(), z.number().int().min(0).max(100)], "expected a percentage (0-100) or a string").optional(),
  cpu_shares: numberOrString.optional(),
  cpu_quota: numberOrString.optional(),
  cpu_period: numberOrString.optional(),
  cpu_rt_period: numberOrString.optional(),
  cpu_rt_runtime: numberOrString.optional(),
  cpus: numberOrString.optional(),
  cpuset: z.string().optional(),
  mem_limit: numberOrString.optional(),
  mem_reservation: oneOf([z.string(), z.number().int()], "expected an integer or a string such as \"512m\"").optional(),
  mem_swappiness: intOrString.optional(),
  memswap_limit: numberOrString.optional(),
  oom_kill_disable: boolOrString.optional(),
  oom_score_adj: oneOf([z.string(), z.number().int().min(-1000).max(1000)], "expected an integer from -1000 to 1000 or a string").optional(),
  pids_limit: numberOrString.optional(),
  shm_size: numberOrString.optional(),
  ulimits: Ulimits.optional(),
  blkio_config: BlkioConfig.optional(),
  storage_opt: z.record(z.string(), z.unknown()).optional(),
  runtime: z.string().optional(),
  platform: z.string().optional(),
  isolation: z.string().optional(),
};

const security = {
  cap_add: ListOfStrings.optional(),
  cap_drop: ListOfStrings.optional(),
  credential_spec: CredentialSpec.optional(),
  group_add: uniqueList(oneOf([z.string(), z.number()], "expected a group name or id")).optional(),
  privileged: boolOrString.optional(),
  read_only: boolOrString.optional(),
  security_opt: ListOfStrings.optional(),
  user: z.string().optional(),
  userns_mode: z.string().optional(),
  use_api_socket: z.boolean().optional(),
};

const networking = {
  dns: StringOrList.optional(),
  dns_opt: ListOfStrings.optional(),
  dns_search: StringOrList.optional(),
  domainname: z.string().optional(),
  expose: uniqueList(oneOf([z.string(), z.number()], "expected a port number or a string such as \"3000-3005\"")).optional(),
  external_links: ListOfStrings.optional(),
  extra_hosts: ExtraHosts.optional(),
  hostname: z.string().optional(),
  ipc: z.string().optional(),
  links: ListOfStrings.optional(),
  mac_address: z.string().optional(),
  network_mode: z.string().optional(),
  networks: ServiceNetworks.optional(),
  pid: z.string().nullable().optional(),
  ports: uniqueList(Port).optional(),
  uts: z.string().optional(),
};

const lifecycle = {
  attach: boolOrString.optional(),
  depends_on: DependsOn.optional(),
  healthcheck: Healthcheck.optional(),
  init: boolOrString.optional(),
  post_start: z.array(ServiceHook).optional(),
  pre_start: z.array(ServiceHook).optional(),
  pre_stop: z.array(ServiceHook).optional(),
  profiles: ListOfStrings.optional(),
  pull_policy: PullPolicy.optional(),
  pull_refresh_after: z.string().optional(),
  restart: z.string().optional(),
  scale: intOrString.optional(),
  stdin_open: boolOrString.optional(),
  stop_grace_period: z.string().optional(),
  stop_signal: z.string().optional(),
  tty: boolOrString.optional(),
};

const content = {
  annotations: ListOrDict.optional(),
  build: Build.optional(),
  command: Command.optional(),
  configs: ServiceFileMounts.optional(),
  container_name: ContainerName.optional(),
  deploy: Deploy.optional(),
  develop: Develop.optional(),
  device_cgroup_rules: ListOfStrings.optional(),
  devices: Devices.optional(),
  entrypoint: Command.optional(),
  env_file: EnvFile.optional(),
  environment: ListOrDict.optional(),
  extends: Extends.optional(),
  gpus: Gpus.optional(),
  image: z.string().optional(),
  label_file: oneOf([z.string(), z.array(z.string())], "expected a path or a list of paths").optional(),
  labels: ListOrDict.optional(),
  logging: Logging.optional(),
  models: ServiceModels.optional(),
  provider: Provider.optional(),
  secrets: ServiceFileMounts.optional(),
  sysctls: ListOrDict.optional(),
  tmpfs: StringOrList.optional(),
  volumes: uniqueList(VolumeMount).optional(),
  volumes_from: ListOfStrings.optional(),
  working_dir: z.string().optional(),
};

export const Service = specObject({ ...content, ...lifecycle, ...networking, ...security, ...runtime }, { what: "service" });
export type Service = z.infer<typeof Service>;

/** Every key the spec defines for a service, e.g. for completion or "did you mean". */
export const SERVICE_KEYS: readonly string[] = Object.keys(Service.shape);
