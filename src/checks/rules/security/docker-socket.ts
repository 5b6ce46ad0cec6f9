/**
 * security/docker-socket — a container that can reach a container runtime's control socket
 * (Docker, containerd, CRI-O, Podman, systemd's private socket) can start a privileged
 * container and own the host; so can one that mounts a directory holding such a socket (`/run`,
 * `/var/run`, `/var`, `/`), in any spelling (`//`, `/.`, `/etc/..`), in short or long syntax, or
 * through a named volume that binds it. `:ro` only stops writes to the socket file: API calls
 * still go through, so a read-only mount is reported too, as a warning. One finding per mount.
 */
import { controlSocketAt, isNodeExporterReadOnly, type SocketExposure } from "../../shared/host-paths.js";
import { isObject, listItems, mergedServices, type Service } from "../../shared/model.js";
import { bindBackedVolumes, hostMountOf, type HostMount } from "../../shared/mounts.js";
import { defineRule, type Severity } from "../../types.js";

function describe(service: string, mount: HostMount, socket: SocketExposure, def: Service): { severity: Severity; message: string } {
  const via = mount.volume ? ` through volume "${mount.volume}" (a bind of ${mount.source})` : "";
  const head = `Service "${service}" mounts`;
  if (!socket.directory) {
    return mount.readOnly
      ? { severity: "warning", message: `${head} ${socket.what}${via} read-only, which still allows every ${socket.runtime} API call` }
      : { severity: "error", message: `${head} ${socket.what}${via}, which gives it root on the host` };
  }
  const what = `${mount.volume ? `volume "${mount.volume}"` : mount.source}`;
  const holds = mount.volume ? `${what}, a bind of ${mount.source}, which holds ${socket.what}` : `${what}, which holds ${socket.what}`;
  if (isNodeExporterReadOnly(def, mount)) {
    return {
      severity: "info",
      message: `${head} ${holds}, read-only as node_exporter documents; its image runs as nobody, which cannot open them, so keep it from running as root`,
    };
  }
  return mount.readOnly
    ? { severity: "warning", message: `${head} ${holds}, read-only, which still allows every API call` }
    : { severity: "error", message: `${head} ${holds}, which gives it root on the host` };
}

export default defineRule({
  id: "security/docker-socket",
  severity: "error",
  summary: "A service mounts a container runtime's socket, or a directory that holds one",
  description:
    "Access to /var/run/docker.sock is root on the host: the Docker API can start a privileged container with the " +
    "host filesystem mounted (CIS Docker Benchmark 5.32; https://cheatsheetseries.owasp.org/cheatsheets/" +
    "Docker_Security_Cheat_Sheet.html). The same holds for containerd, CRI-O and Podman sockets and systemd's private " +
    "socket, and for a mount of a directory that holds one: /run, /var/run, /var, / and /run/containerd, in any " +
    "spelling (//, /., /etc/..), in short or long syntax, or through a named volume whose driver_opts bind the path. " +
    "A read-only mount (`:ro`) does not limit API calls, only writes to the socket file, so it is still reported (as " +
    "a warning); node_exporter's read-only host root is info. Reverse proxies such as Traefik need the socket: " +
    "prefer a socket proxy that allows only the read endpoints they use, or suppress the finding with a reason.",
  run(ctx) {
    const binds = bindBackedVolumes(ctx.project.get(["volumes"]));
    for (const { name, def } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "volumes"])) {
        const mount = hostMountOf(item.value, binds);
        const socket = mount && controlSocketAt(mount);
        if (!mount || !socket) continue;
        ctx.report({ path: item.path, doc: item.doc, ...describe(name, mount, socket, isObject(def) ? def : {}) });
      }
    }
  },
});
