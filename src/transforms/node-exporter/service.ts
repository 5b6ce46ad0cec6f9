/**
 * The node_exporter service, after the project's README (domain.md §4.1, source key NE):
 * host root mounted read-only at /host with `rslave` propagation, `--path.rootfs=/host`.
 *
 * Under `docker compose` it also gets `pid: host` (so /proc/1/mountinfo is the host's and
 * mountpoints are labelled as the host sees them) and `restart: unless-stopped`.
 *
 * Under Swarm it runs one task per node (`deploy.mode: global`). `pid: host` is not written:
 * `docker stack deploy` ignores it ("Ignoring unsupported options: pid", docker/cli#768), so it
 * would only mislead a reviewer. Without it node_exporter reads the mount table of its own
 * container, where Docker bind-mounts /etc/hostname, /etc/hosts and /etc/resolv.conf from the
 * host disk (node_exporter#66 shows such mislabelled series); those three are excluded on top
 * of node_exporter's default mount-point exclusions so one disk does not alert four times.
 * `network_mode: host` is not used in either case: disk metrics do not need it, and the
 * exporter must sit on Prometheus's network to be scraped by name.
 */
import type { Project } from "../../project/project.js";
import { imageBaseName, parseImage, serviceImage } from "../../image/reference.js";
import type { Target } from "../shared/stack.js";

export const NODE_EXPORTER_PORT = 9100;

/**
 * node_exporter's Linux default for `--collector.filesystem.mount-points-exclude` (NE
 * `collector/filesystem_linux.go`, domain.md §4.1) plus the files Docker bind-mounts into every
 * container. `$$` is compose's escape for a literal `$`.
 */
export const SWARM_MOUNT_POINTS_EXCLUDE =
  "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($$|/)|^/etc/(hostname|hosts|resolv\\.conf)$$";

/** Images that run node_exporter: prom/, quay.io/prometheus/, bitnami/, swarmprom's build, … */
export function isNodeExporterImage(image: string): boolean {
  return /(^|[-_])node[-_]?exporter$/.test(imageBaseName(parseImage(image)));
}

export function findNodeExporters(project: Project): { service: string; image: string }[] {
  const out: { service: string; image: string }[] = [];
  for (const service of project.services()) {
    const image = serviceImage(project.service(service));
    if (image && isNodeExporterImage(image)) out.push({ service, image });
  }
  return out;
}

/**
 * The textfile collector's directory (node_exporter README, "Textfile Collector"): a volume other
 * services write `*.prom` files into — backup-verify's freshness and restore-test metrics. The
 * volume has a fixed `name:`, so an exporter in another stack on the same node reads it too.
 */
export const TEXTFILE_VOLUME = "node-exporter-textfile";
export const TEXTFILE_DIR = "/textfile";
export const TEXTFILE_FLAG = `--collector.textfile.directory=${TEXTFILE_DIR}`;
export const TEXTFILE_MOUNT = `${TEXTFILE_VOLUME}:${TEXTFILE_DIR}:ro`;

/** Does the project keep textfile metrics for node_exporter (it declares the textfile volume)? */
export function wantsTextfile(project: Project): boolean {
  const volumes = project.get(["volumes"]);
  return typeof volumes === "object" && volumes !== null && TEXTFILE_VOLUME in volumes;
}

export function nodeExporterService(image: string, target: Target, networks: string[], textfile = false): Record<string, unknown> {
  const command = ["--path.rootfs=/host"];
  if (target === "swarm") command.push(`--collector.filesystem.mount-points-exclude=${SWARM_MOUNT_POINTS_EXCLUDE}`);
  if (textfile) command.push(TEXTFILE_FLAG);
  return {
    image,
    command,
    ...(target === "compose" ? { pid: "host", restart: "unless-stopped" } : {}),
    volumes: ["/:/host:ro,rslave", ...(textfile ? [TEXTFILE_MOUNT] : [])],
    ...(networks.length > 0 ? { networks } : {}),
    ...(target === "swarm" ? { deploy: { mode: "global" } } : {}),
  };
}
