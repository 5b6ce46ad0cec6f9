/**
 * security/cap-add — capabilities added beyond Docker's default set, graded by what they grant
 * the container on the host. docker stack deploy applies `cap_add` since Docker 20.10
 * (docker/cli#2663), so this matters under Swarm as much as under compose. Names are read as
 * Docker reads them: case-insensitive, `CAP_` optional (`cap_sys_admin` is SYS_ADMIN), except
 * `CAP_ALL`, which Docker rejects instead of granting everything.
 */
import { listItems, mergedServices } from "../../shared/model.js";
import { defineRule, type Severity } from "../../types.js";

interface Grant {
  severity: Severity;
  grants: string;
}

/**
 * The grading follows compose-lint's capability tiers (tmatens/compose-lint
 * src/compose_lint/rules/CL0024…CL0030, measured on Docker 29) and capabilities(7): code
 * execution on the host is an error, host reach or disclosure a warning, resource knobs that
 * databases legitimately ask for (IPC_LOCK for mlock, SYS_NICE) info.
 */
const CAPABILITIES: Readonly<Record<string, Grant>> = {
  ALL: { severity: "error", grants: "every capability, as good as privileged" },
  SYS_ADMIN: { severity: "error", grants: "mount, namespaces and most of root's powers: a container escape" },
  SYS_MODULE: { severity: "error", grants: "loading kernel modules: code in the host kernel" },
  SYS_RAWIO: { severity: "error", grants: "raw I/O ports and /dev/mem: host memory and disks" },
  SYS_PTRACE: { severity: "warning", grants: "tracing processes it can see: reading their memory and secrets" },
  NET_ADMIN: { severity: "warning", grants: "reconfiguring interfaces, routes and firewall rules of its network namespace" },
  BPF: { severity: "warning", grants: "loading BPF programs into the host kernel" },
  PERFMON: { severity: "warning", grants: "kernel performance monitoring, which reads host kernel data" },
  SYS_BOOT: { severity: "warning", grants: "rebooting the host" },
  SYS_TIME: { severity: "warning", grants: "setting the host's clock" },
  DAC_READ_SEARCH: { severity: "warning", grants: "reading any file by handle, past permission checks (the shocker escape)" },
  SYSLOG: { severity: "warning", grants: "reading the host kernel log" },
  MAC_ADMIN: { severity: "warning", grants: "changing the host's AppArmor or SELinux policy" },
  MAC_OVERRIDE: { severity: "warning", grants: "bypassing AppArmor or SELinux" },
  IPC_LOCK: { severity: "info", grants: "locking memory (what databases use it for), which can starve the host" },
  SYS_NICE: { severity: "info", grants: "raising its own priority, which can starve other services" },
  SYS_RESOURCE: { severity: "info", grants: "overriding resource limits" },
  LEASE: { severity: "info", grants: "file leases that can stall other processes" },
};

/** The capability as Docker names it: upper case, `CAP_` optional (but never for ALL). */
function capabilityName(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const upper = raw.trim().toUpperCase();
  if (upper === "CAP_ALL") return undefined;
  return upper.replace(/^CAP_/, "");
}

export default defineRule({
  id: "security/cap-add",
  severity: "warning",
  summary: "A service adds a dangerous Linux capability (SYS_ADMIN, SYS_PTRACE, NET_ADMIN, ALL, …)",
  description:
    "`cap_add` widens what root in the container may do on the host (capabilities(7); CIS Docker Benchmark 5.4; " +
    "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html). ALL, SYS_ADMIN, SYS_MODULE and " +
    "SYS_RAWIO are host code execution: errors. SYS_PTRACE, NET_ADMIN, BPF, PERFMON, SYS_BOOT, SYS_TIME, " +
    "DAC_READ_SEARCH, SYSLOG, MAC_ADMIN and MAC_OVERRIDE reach or disclose the host: warnings. IPC_LOCK, SYS_NICE, " +
    "SYS_RESOURCE and LEASE are resource knobs databases legitimately ask for: info. Names are matched as Docker reads " +
    "them (any case, CAP_ optional). docker stack deploy applies cap_add since Docker 20.10 (docker/cli#2663). " +
    "Grant only what the service needs, and drop the rest with `cap_drop: [ALL]`.",
  run(ctx) {
    for (const { name } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "cap_add"])) {
        const cap = capabilityName(item.value);
        const grant = cap === undefined ? undefined : CAPABILITIES[cap];
        if (!grant) continue;
        ctx.report({
          path: item.path,
          doc: item.doc,
          severity: grant.severity,
          message: `Service "${name}" adds ${cap === "ALL" ? "ALL capabilities" : `CAP_${cap}`}: ${grant.grants}`,
        });
      }
    }
  },
});
