/**
 * What a host path gives the container that mounts it, for security/docker-socket (the
 * container runtimes' control sockets and the directories that hold them) and
 * security/host-mount (paths where a write is host root, or a read discloses the host). The
 * two never claim the same mount: host-mount asks `controlSocketAt` first. The taxonomy follows
 * compose-lint's measured one (tmatens/compose-lint src/compose_lint/rules/_mounts.py,
 * CL0001_docker_socket.py, CL0013_sensitive_mount.py, CL0025_writable_host_root.py) and the CIS
 * Docker Benchmark 5.6 ("sensitive host system directories") and 5.32 ("the Docker socket").
 */
import { isNodeExporter } from "./images.js";
import type { Service } from "./model.js";
import { isAtOrUnder, type HostMount } from "./mounts.js";

/** Control sockets by file name, and the runtime each one drives. */
const SOCKETS: Readonly<Record<string, string>> = {
  "docker.sock": "Docker",
  "docker.sock.raw": "Docker",
  docker_engine: "Docker",
  "containerd.sock": "containerd",
  "crio.sock": "CRI-O",
  "podman.sock": "Podman",
};

/**
 * Directories that hold a control socket on a stock host (`/var/run` is a link to `/run`). A
 * mount of one, or of an ancestor (`/var`, `/`), exposes the socket inside it.
 */
const SOCKET_DIRS: Readonly<Record<string, string>> = {
  "/run/containerd": "the containerd socket",
  "/run/podman": "the Podman socket",
  "/run/crio": "the CRI-O socket",
  "/run/systemd": "systemd's private socket, which can start commands on the host",
  "/run": "the Docker and containerd sockets",
};

export interface SocketExposure {
  /** `the Docker socket`, or what a directory holds (`the Docker and containerd sockets`). */
  what: string;
  /** The runtime whose API a socket mount reaches (for "every <runtime> API call"). */
  runtime?: string;
  /** A directory holding sockets rather than a socket itself. */
  directory: boolean;
}

/** `/var/run/x` is `/run/x` on every current distribution. */
const runPath = (p: string) => (p === "/var/run" || p.startsWith("/var/run/") ? p.slice(4) : p);

/** The control socket a mount exposes, directly or through a directory that holds one. */
export function controlSocketAt(mount: HostMount): SocketExposure | undefined {
  const p = runPath(mount.path);
  const name = p.slice(p.lastIndexOf("/") + 1);
  const runtime = SOCKETS[name] ?? (p === "/run/systemd/private" ? "systemd" : undefined);
  if (runtime) return { what: `the ${runtime} socket`, runtime, directory: false };
  // The mount is a socket directory or an ancestor of one (`/var` holds `/var/run`).
  if (p === "/" || p === "/var" || p === "/run") return { what: SOCKET_DIRS["/run"], directory: true };
  const dir = Object.keys(SOCKET_DIRS).find((d) => isAtOrUnder(d, p));
  return dir ? { what: SOCKET_DIRS[dir], directory: true } : undefined;
}

/** Writing there is host root (CIS 5.6): what a write owns, and what a read-only mount still discloses. */
const ROOT_EQUIVALENT: Readonly<Record<string, [write: string, read: string]>> = {
  "/etc": ["host root through cron, sudoers or ld.so.preload", "host configuration and password hashes"],
  "/root": ["host root through root's SSH authorized_keys", "root's files and keys"],
  "/boot": ["the host's kernel and boot loader", "the host's kernel and boot configuration"],
  "/proc": ["host root through /proc/sys/kernel/core_pattern", "every host process, its command line and environment"],
  "/var/lib/docker": ["every container's filesystem and image layers", "every container's files"],
  "/var/lib/containerd": ["every container's filesystem and image layers", "every container's files"],
};
/** Root-equivalent for what it contains (/var/lib/docker), not for what lies below it (/var/lib/mysql). */
const ROOT_EQUIVALENT_EXACT: Readonly<Record<string, [write: string, read: string]>> = {
  "/var/lib": ["every container's filesystem, through /var/lib/docker", "every container's files, through /var/lib/docker"],
};

/** Disclosure or a weakened boundary in either mode. */
const EXPOSED: Readonly<Record<string, string>> = {
  "/sys": "host kernel interfaces",
  "/dev": "host devices",
};
/**
 * Under /etc, the entries a write turns into host root (scheduled jobs, sudo, accounts, the
 * dynamic loader, services, logins). A writable mount of another single entry
 * (`/etc/hostname`, as swarmprom gives node_exporter) lets the container rewrite that entry only.
 */
const ETC_ROOT = /^\/etc\/(cron[^/]*|anacrontab|sudoers(\.d)?|shadow|gshadow|passwd|group|ld\.so\.(preload|conf(\.d)?)|systemd|init\.d|rc\.local|profile(\.d)?|bash\.bashrc|environment|pam\.d|ssh|security|docker|containerd|modprobe\.d|modules-load\.d|udev)(\/|$)/;

/** Character devices that convey nothing: the usual way to blank out a file. */
const INERT = new Set(["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"]);
/** Read-only, the universal way to share the host's time zone; writable, it changes the host's. */
const TIMEZONE = new Set(["/etc/localtime", "/etc/timezone"]);
const HOME_CREDENTIALS = new Set([".ssh", ".docker", ".aws", ".kube", ".gnupg"]);

export interface SensitivePath {
  /** The listed path the mount is at or under (`/etc`), for messages. */
  under: string;
  /** What the mount gives the container, as mounted (writable or read-only). */
  grants: string;
  /** Writing there is host root (error when writable). */
  rootEquivalent: boolean;
}

function homePath(p: string): string | undefined {
  if (p === "/home" || p === "~") return p;
  const parts = p.split("/");
  if (p.startsWith("/home/")) {
    if (parts.length === 3) return p;
    return HOME_CREDENTIALS.has(parts[3]) ? parts.slice(0, 4).join("/") : undefined;
  }
  if (p.startsWith("~/")) return HOME_CREDENTIALS.has(parts[1]) ? parts.slice(0, 2).join("/") : undefined;
  return undefined;
}

/** The sensitive host path a mount lands on, when it is not a control socket (see `controlSocketAt`). */
export function sensitivePathAt(mount: HostMount): SensitivePath | undefined {
  const p = mount.path;
  if (INERT.has(p)) return undefined;
  if (TIMEZONE.has(p)) return mount.readOnly ? undefined : { under: p, grants: "the host's time zone setting", rootEquivalent: false };
  if (p.startsWith("/etc/") && !ETC_ROOT.test(p)) {
    return { under: "/etc", grants: mount.readOnly ? "host configuration" : `the host's ${p}`, rootEquivalent: false };
  }
  const root = Object.keys(ROOT_EQUIVALENT).find((d) => isAtOrUnder(p, d));
  const rootGrants = root ? ROOT_EQUIVALENT[root] : ROOT_EQUIVALENT_EXACT[p];
  if (rootGrants) return { under: root ?? p, grants: rootGrants[mount.readOnly ? 1 : 0], rootEquivalent: true };
  const exposed = Object.keys(EXPOSED).find((d) => isAtOrUnder(p, d));
  if (exposed) return { under: exposed, grants: EXPOSED[exposed], rootEquivalent: false };
  const home = homePath(p);
  if (home) return { under: home, grants: "users' files and credentials", rootEquivalent: false };
  const run = runPath(p);
  if (run.startsWith("/run/")) return { under: p.startsWith("/var/") ? "/var/run" : "/run", grants: "host runtime state (the system bus, service sockets)", rootEquivalent: false };
  return undefined;
}

/**
 * node_exporter's documented setup mounts the host root (and, in older guides, /proc and /sys)
 * read-only (prometheus/node_exporter README "Docker"); its image runs as `nobody` (its
 * Dockerfile), which cannot open the root-owned sockets inside. A choice, reported as info while
 * the service keeps that user.
 */
export function isNodeExporterReadOnly(def: Service, mount: HostMount): boolean {
  return mount.readOnly && isNodeExporter(def) && (def.user === undefined || def.user === null || def.user === "nobody");
}
