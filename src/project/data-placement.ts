/**
 * Where the stack keeps its data: on a Hetzner Cloud Volume, or on the server's root disk.
 *
 * Data is on a Hetzner volume when a service writes to a bind mount under
 * `/mnt/HC_Volume_<id>`, or to a named volume the local driver binds there
 * (`driver_opts: {type: none, o: bind, device: /mnt/HC_Volume_<id>/…}`). A plain named volume,
 * or an anonymous one, lives under `/var/lib/docker/volumes` on the root disk
 * (docs.docker.com/engine/storage/volumes), where the volume alerts and the auto-resize do not
 * look. Only the data directories of images known to hold state (databases, object stores,
 * queues) are reported as misplaced: a named volume for a cache or a certificate is a choice.
 */
import { imageBaseName, parseImage, serviceImage } from "../image/reference.js";
import type { Project } from "./project.js";
import { hetznerVolume, serviceMounts, type HetznerVolume, type ServiceMount } from "./volume-mounts.js";

export interface DataUse {
  service: string;
  /** Index of the entry in the service's merged `volumes:` list. */
  index: number;
  /** The path inside the container. */
  target: string;
}

export interface HetznerData extends HetznerVolume {
  /** The services writing to the volume, in service order. */
  uses: DataUse[];
}

export interface RootDiskData extends DataUse {
  /** What the service is (`Postgres`, `MySQL`, …). */
  kind: string;
  /** The named volume, or undefined for an anonymous one. */
  volume?: string;
}

interface Stateful {
  kind: string;
  image: RegExp;
  /** Its data directories; `any` when the image takes the path as an argument (MinIO). */
  data: readonly string[] | "any";
}

/**
 * Images that hold state, by the last part of their name, with the data directories their
 * documentation gives (Docker Hub pages of each official image; MinIO serves the path it is
 * given). Postgres 18 images keep data under /var/lib/postgresql/18/docker, which the prefix
 * covers.
 */
const STATEFUL: readonly Stateful[] = [
  { kind: "Postgres", image: /(postgres|postgis|timescale|pgvector)/, data: ["/var/lib/postgresql"] },
  { kind: "MySQL", image: /^(mysql|mariadb|percona|percona-server)$/, data: ["/var/lib/mysql"] },
  { kind: "MongoDB", image: /^mongo(db-community-server)?$/, data: ["/data/db", "/data/configdb"] },
  { kind: "Redis", image: /^(redis|redis-stack-server|valkey|keydb)$/, data: ["/data"] },
  { kind: "MinIO", image: /^minio$/, data: "any" },
  { kind: "Elasticsearch", image: /^(elasticsearch|opensearch)$/, data: ["/usr/share/elasticsearch/data", "/usr/share/opensearch/data"] },
  { kind: "ClickHouse", image: /^clickhouse-server$/, data: ["/var/lib/clickhouse"] },
  { kind: "RabbitMQ", image: /^rabbitmq$/, data: ["/var/lib/rabbitmq"] },
  { kind: "InfluxDB", image: /^influxdb$/, data: ["/var/lib/influxdb", "/var/lib/influxdb2"] },
];

/** Helpers named after what they serve (an exporter, a backup job, an admin UI) hold no data of their own. */
const NOT_A_SERVER = /(exporter|backup|pgadmin|pgbouncer|adminer|client|restore|init|commander|insight)/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function statefulKind(project: Project, service: string): Stateful | undefined {
  const image = serviceImage(project.service(service));
  if (!image) return undefined;
  const ref = parseImage(image);
  if (ref.chosenAtDeploy || NOT_A_SERVER.test(ref.repository)) return undefined;
  return STATEFUL.find((s) => s.image.test(imageBaseName(ref)));
}

/** `/var/lib/postgresql/data` holds `/var/lib/postgresql`'s data, and so does `/var/lib/postgresql`. */
function holdsData(target: string, data: Stateful["data"]): boolean {
  if (data === "any") return true;
  const t = target.replace(/\/+$/, "");
  return data.some((d) => t === d || t.startsWith(`${d}/`) || d.startsWith(`${t}/`));
}

/** A named volume's top-level declaration, or undefined when it has none. */
function declaration(project: Project, name: string): Record<string, unknown> | undefined {
  const volumes = project.get(["volumes"]);
  const decl = isObject(volumes) ? volumes[name] : undefined;
  return isObject(decl) ? decl : undefined;
}

/** Where a local-driver volume binds a host folder (`driver_opts.device` with `o: bind`). */
function boundDevice(decl: Record<string, unknown> | undefined): string | undefined {
  const opts = decl?.driver_opts;
  if (!isObject(opts) || typeof opts.device !== "string") return undefined;
  const driver = decl?.driver;
  if (driver !== undefined && driver !== "local") return undefined;
  return typeof opts.o === "string" && opts.o.split(",").includes("bind") ? opts.device : undefined;
}

/** The Hetzner volume a mount writes to, directly or through a bind-backed named volume. */
function hetznerOf(project: Project, mount: ServiceMount): HetznerVolume | undefined {
  if (mount.hetzner) return mount.hetzner;
  if (mount.type !== "volume" || !mount.source) return undefined;
  const device = boundDevice(declaration(project, mount.source));
  return device ? hetznerVolume(device) : undefined;
}

/** Every Hetzner volume a service writes to, in order of first use. */
export function hetznerDataVolumes(project: Project): HetznerData[] {
  const byId = new Map<string, HetznerData>();
  for (const mount of serviceMounts(project)) {
    if (mount.readOnly) continue;
    const volume = hetznerOf(project, mount);
    if (!volume) continue;
    const entry = byId.get(volume.id) ?? { ...volume, uses: [] };
    entry.uses.push({ service: mount.service, index: mount.index, target: mount.target });
    byId.set(volume.id, entry);
  }
  return [...byId.values()];
}

/**
 * A named volume Docker keeps on the root disk: the local driver without options (a driver
 * plugin or `driver_opts` put it elsewhere), and not `external` (created outside the stack,
 * so where it lives cannot be read here).
 */
function onRootDisk(project: Project, name: string): boolean {
  const decl = declaration(project, name);
  if (!decl) return true;
  if (decl.external === true || isObject(decl.external)) return false;
  if (decl.driver !== undefined && decl.driver !== "local") return false;
  return decl.driver_opts === undefined || decl.driver_opts === null;
}

/** The data directories of stateful services kept in named or anonymous volumes on the root disk. */
export function rootDiskData(project: Project): RootDiskData[] {
  const out: RootDiskData[] = [];
  const kinds = new Map<string, Stateful | undefined>();
  for (const mount of serviceMounts(project)) {
    if (mount.type !== "volume" || mount.readOnly) continue;
    if (!kinds.has(mount.service)) kinds.set(mount.service, statefulKind(project, mount.service));
    const stateful = kinds.get(mount.service);
    if (!stateful || !holdsData(mount.target, stateful.data)) continue;
    if (mount.source && !onRootDisk(project, mount.source)) continue;
    out.push({ service: mount.service, index: mount.index, target: mount.target, kind: stateful.kind, ...(mount.source ? { volume: mount.source } : {}) });
  }
  return out;
}

/**
 * The bind mount that puts `use` on a Hetzner volume: a folder named after the service on the
 * stack's first Hetzner volume, or on `/mnt/HC_Volume_<id>` when it has none yet.
 */
export function suggestedBind(project: Project, use: DataUse): string {
  const volume = hetznerDataVolumes(project)[0];
  return `${volume?.mountPoint ?? "/mnt/HC_Volume_<id>"}/${use.service}:${use.target}`;
}
