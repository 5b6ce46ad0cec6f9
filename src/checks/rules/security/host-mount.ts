/**
 * security/host-mount — a bind mount of a host path where a write is host root (/etc, /root,
 * /boot, /proc, the container store under /var/lib) or a read discloses the host (/sys, /dev,
 * home directories and their credentials, /run's service state). Mounts that hold a runtime
 * socket are security/docker-socket's: each mount is reported once, by one of the two.
 */
import { controlSocketAt, isNodeExporterReadOnly, sensitivePathAt } from "../../shared/host-paths.js";
import { isObject, listItems, mergedServices } from "../../shared/model.js";
import { bindBackedVolumes, hostMountOf } from "../../shared/mounts.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "security/host-mount",
  severity: "error",
  summary: "A service mounts a sensitive host path (/etc, /proc, /sys, /boot, /root, /var/lib/docker, …)",
  description:
    "A writable bind mount of /etc, /root, /boot, /proc or the container store (/var/lib/docker, /var/lib/containerd, " +
    "/var/lib itself) is host root through ordinary file writes (cron and sudoers, authorized_keys, the kernel, " +
    "core_pattern, other containers' layers): an error. Read-only, those paths still disclose host configuration and " +
    "credentials, and /sys, /dev, home directories (and ~/.ssh, ~/.aws, …) and /run's service state are disclosure in " +
    "either mode: warnings (CIS Docker Benchmark 5.6, \"Ensure sensitive host system directories are not mounted on " +
    "containers\"). Not reported: /etc/localtime and /etc/timezone read-only, /dev/null and the other inert devices. " +
    "node_exporter's documented read-only /proc and /sys mounts are info. Mounts holding a runtime socket (/, /var, " +
    "/run) are security/docker-socket's.",
  run(ctx) {
    const binds = bindBackedVolumes(ctx.project.get(["volumes"]));
    for (const { name, def } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "volumes"])) {
        const mount = hostMountOf(item.value, binds);
        if (!mount || controlSocketAt(mount)) continue;
        const found = sensitivePathAt(mount);
        if (!found) continue;
        const what = mount.volume ? `volume "${mount.volume}" (a bind of ${mount.source})` : mount.source;
        const under = found.under === mount.path ? "" : ` (under ${found.under})`;
        const head = `Service "${name}" mounts ${what}${under}`;
        if (mount.readOnly && isNodeExporterReadOnly(isObject(def) ? def : {}, mount)) {
          ctx.report({ path: item.path, doc: item.doc, severity: "info", message: `${head} read-only, as node_exporter documents: it reads ${found.grants}` });
        } else if (found.rootEquivalent && !mount.readOnly) {
          ctx.report({ path: item.path, doc: item.doc, message: `${head} writable, which is ${found.grants}` });
        } else {
          const what = mount.readOnly ? `read-only, which discloses ${found.grants}` : found.rootEquivalent || !found.grants.startsWith("the host's /") ? `writable, which discloses ${found.grants}` : `writable, which lets it rewrite ${found.grants}`;
          ctx.report({ path: item.path, doc: item.doc, severity: "warning", message: `${head} ${what}` });
        }
      }
    }
  },
});
