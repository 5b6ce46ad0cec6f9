/**
 * What a service's `volumes:` entries mount, in the short (`src:dst[:opts]`) and long syntax
 * alike, and which of them live on a Hetzner Cloud Volume. Hetzner automounts volume `<id>` at
 * `/mnt/HC_Volume_<id>` (device `/dev/disk/by-id/scsi-0HC_Volume_<id>`, docs.hetzner.com
 * "Cloud Volumes"); only a bind mount under that folder puts a container's data on the volume.
 * A named Docker volume lives under `/var/lib/docker/volumes` on the server's root disk.
 */
import type { Project } from "./project.js";

export interface VolumeMount {
  /** `bind` for a host path, `volume` for a named volume, `tmpfs` and others as written. */
  type: string;
  /** The host path or the volume name; undefined for an anonymous volume or tmpfs. */
  source?: string;
  /** The path inside the container. */
  target: string;
  readOnly: boolean;
}

export interface HetznerVolume {
  /** The volume id in the Hetzner Cloud API. */
  id: string;
  /** Where the volume is mounted on the server: `/mnt/HC_Volume_<id>`. */
  mountPoint: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Host paths start with `/`, `.` or `~` (or a variable that holds one); anything else names a volume. */
function isHostPath(source: string): boolean {
  return /^[./~$]/.test(source);
}

/** One `volumes:` entry as a mount, or undefined for a value that is not one. */
export function parseVolumeMount(value: unknown): VolumeMount | undefined {
  if (typeof value === "string") {
    const parts = value.split(":");
    if (parts.length === 1) return { type: "volume", target: parts[0], readOnly: false };
    const [source, target, options = ""] = parts;
    return { type: isHostPath(source) ? "bind" : "volume", source, target, readOnly: options.split(",").includes("ro") };
  }
  if (!isObject(value) || typeof value.target !== "string") return undefined;
  const type = typeof value.type === "string" ? value.type : "volume";
  const source = typeof value.source === "string" && value.source !== "" ? value.source : undefined;
  return { type, ...(source ? { source } : {}), target: value.target, readOnly: value.read_only === true };
}

/** The Hetzner Cloud Volume a host path lies on, if it is under `/mnt/HC_Volume_<id>`. */
export function hetznerVolume(hostPath: string): HetznerVolume | undefined {
  const match = /^\/mnt\/HC_Volume_(\d+)(?:\/|$)/.exec(hostPath.replace(/\/{2,}/g, "/"));
  return match ? { id: match[1], mountPoint: `/mnt/HC_Volume_${match[1]}` } : undefined;
}

export interface ServiceMount extends VolumeMount {
  service: string;
  /** Index of the entry in the service's merged `volumes:` list. */
  index: number;
  /** Set when the mount is a bind mount onto a Hetzner Cloud Volume. */
  hetzner?: HetznerVolume;
}

/** Every volume mount of every service of the merged stack, in service order. */
export function serviceMounts(project: Project): ServiceMount[] {
  const out: ServiceMount[] = [];
  for (const service of project.services()) {
    const volumes = project.service(service)?.volumes;
    if (!Array.isArray(volumes)) continue;
    volumes.forEach((value, index) => {
      const mount = parseVolumeMount(value);
      if (!mount) return;
      const hetzner = mount.type === "bind" && mount.source ? hetznerVolume(mount.source) : undefined;
      out.push({ ...mount, service, index, ...(hetzner ? { hetzner } : {}) });
    });
  }
  return out;
}
