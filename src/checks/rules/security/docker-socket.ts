/**
 * security/docker-socket — a container that can reach the Docker API socket can start a
 * privileged container and own the host. `:ro` only stops writes to the socket file: API calls
 * still go through, so a read-only mount is reported too, as a warning.
 */
import { isObject, listItems, mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

const SOCKETS = new Set(["/var/run/docker.sock", "/run/docker.sock"]);

/** `{source, readOnly}` of a mount in short (`src:dst[:opts]`) or long syntax. */
function mountOf(value: unknown): { source: string; readOnly: boolean } | undefined {
  if (typeof value === "string") {
    const [source, , options = ""] = value.split(":");
    return { source, readOnly: options.split(",").includes("ro") };
  }
  if (isObject(value) && typeof value.source === "string") return { source: value.source, readOnly: value.read_only === true };
  return undefined;
}

export default defineRule({
  id: "security/docker-socket",
  severity: "error",
  summary: "A service mounts the Docker socket",
  description:
    "Access to /var/run/docker.sock is root on the host: the Docker API can start a privileged container with the " +
    "host filesystem mounted. A read-only mount (`:ro`) does not limit API calls, only writes to the socket file, so " +
    "it is still reported (as a warning). Reverse proxies such as Traefik need the socket: prefer a socket proxy that " +
    "allows only the read endpoints they use, or suppress the finding with a reason.",
  run(ctx) {
    for (const { name } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "volumes"])) {
        const mount = mountOf(item.value);
        if (!mount || !SOCKETS.has(mount.source.replace(/^\/\//, "/"))) continue;
        ctx.report({
          path: item.path,
          doc: item.doc,
          severity: mount.readOnly ? "warning" : "error",
          message: mount.readOnly
            ? `Service "${name}" mounts the Docker socket read-only, which still allows every Docker API call`
            : `Service "${name}" mounts the Docker socket, which gives it root on the host`,
        });
      }
    }
  },
});
