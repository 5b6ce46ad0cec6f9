/**
 * What `docker stack deploy` accepts, as tables. Its loader validates each file against the
 * v3.x JSON schemas (newest v3.13) and sorts service keys into forbidden, unsupported and
 * deprecated lists (docker/cli `cli/compose/types/types.go`, `cli/compose/schema/data/
 * config_schema_v3.13.json`; anchors-compose §4). The key sets below were confirmed one key at
 * a time with `docker stack config -c` (Docker CLI 28.2.2); docs/checks.md lists the probes.
 */

/** `ForbiddenProperties`: loading fails with "Configuration contains forbidden properties". */
export const FORBIDDEN_SERVICE_KEYS: Readonly<Record<string, string>> = {
  extends: "copy the extended service's settings into this service",
  volume_driver: "set the driver on the top-level volume instead",
  volumes_from: "mount the same named volume in both services instead",
  cpu_quota: "use deploy.resources.limits.cpus",
  cpu_shares: "use deploy.resources.reservations.cpus",
  cpuset: "use deploy.resources.limits.cpus (Swarm has no CPU pinning)",
  mem_limit: "use deploy.resources.limits.memory",
  memswap_limit: "use deploy.resources.limits.memory (Swarm has no swap limit)",
};

/**
 * `UnsupportedProperties`: accepted by the schema, then ignored ("Ignoring unsupported
 * options"). `build`, `privileged` and `restart` are left out: swarm/build, security/privileged
 * and swarm/restart report them with their own advice.
 */
export const UNSUPPORTED_SERVICE_KEYS: readonly string[] = [
  "cgroupns_mode",
  "cgroup_parent",
  "devices",
  "domainname",
  "external_links",
  "ipc",
  "links",
  "mac_address",
  "network_mode",
  "pid",
  "security_opt",
  "shm_size",
  "userns_mode",
];

/** `DeprecatedProperties`: accepted and ignored with a notice. */
export const DEPRECATED_SERVICE_KEYS: readonly string[] = ["container_name", "expose"];

/** Service keys the v3.13 schema allows (besides `x-*` and the lists above). */
const SERVICE_KEYS = new Set([
  "build",
  "cap_add",
  "cap_drop",
  "cgroup_parent",
  "cgroupns_mode",
  "command",
  "configs",
  "container_name",
  "credential_spec",
  "depends_on",
  "deploy",
  "devices",
  "dns",
  "dns_search",
  "domainname",
  "entrypoint",
  "env_file",
  "environment",
  "expose",
  "external_links",
  "extra_hosts",
  "healthcheck",
  "hostname",
  "image",
  "init",
  "ipc",
  "isolation",
  "labels",
  "links",
  "logging",
  "mac_address",
  "network_mode",
  "networks",
  "oom_score_adj",
  "pid",
  "ports",
  "privileged",
  "read_only",
  "restart",
  "secrets",
  "security_opt",
  "shm_size",
  "stdin_open",
  "stop_grace_period",
  "stop_signal",
  "sysctls",
  "tmpfs",
  "tty",
  "ulimits",
  "user",
  "userns_mode",
  "volumes",
  "working_dir",
  ...Object.keys(FORBIDDEN_SERVICE_KEYS),
]);

/** Where a key sits, for the allowed-key tables. */
export type KeyScope = "top-level" | "service" | "secret" | "config" | "network" | "volume" | "port" | "service-network" | "service-volume";

const ALLOWED: Record<Exclude<KeyScope, "service">, Set<string>> = {
  "top-level": new Set(["version", "services", "networks", "volumes", "secrets", "configs"]),
  secret: new Set(["name", "file", "external", "labels", "driver", "driver_opts", "template_driver"]),
  config: new Set(["name", "file", "external", "labels", "template_driver"]),
  network: new Set(["name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels"]),
  volume: new Set(["name", "driver", "driver_opts", "external", "labels"]),
  port: new Set(["target", "published", "protocol", "mode"]),
  "service-network": new Set(["aliases", "ipv4_address", "ipv6_address", "driver_opts"]),
  "service-volume": new Set(["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"]),
};

/** Scopes whose schema definition allows `x-*` extension keys (ports entries, for one, do not). */
const EXTENSIBLE = new Set<KeyScope>(["top-level", "service", "secret", "config", "network", "volume"]);

/** Does the v3.13 schema accept `key` in `scope`? */
export function allowedInStack(scope: KeyScope, key: string): boolean {
  if (key.startsWith("x-") && EXTENSIBLE.has(scope)) return true;
  return scope === "service" ? SERVICE_KEYS.has(key) : ALLOWED[scope].has(key);
}

/** `version:` values the loader accepts: none, `""`, `"3"`, or a v3 schema it ships (3.0 … 3.13). */
export function isStackVersion(version: string): boolean {
  return version === "" || version === "3" || /^3\.(\d|1[0-3])$/.test(version);
}
