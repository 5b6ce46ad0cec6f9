/**
 * Finding the MinIO part of a stack: the servers (by image or build context) and the one-shot
 * services that create their buckets (by client image or by an `mc mb` / `mc alias set` /
 * `mc config host add` command) — by shape, not by name. Nhost's own files have no
 * `minio-init`; other stacks call it `createbuckets`, `mc`, `minio-createbucket` (domain.md §1.1).
 */
import type { Project } from "../../project/project.js";
import { addressOf, joinAddresses, refersTo, type MinioAddress } from "./address.js";
import {
  bucketsMadeByMc,
  bucketsMadeByMkdir,
  commandText,
  imageRepository,
  isMinioBuild,
  isMinioClientImage,
  isMinioServerImage,
  minioApiPort,
  runsMcSetup,
} from "./image.js";
import { listToMap } from "../../project/merge.js";

export interface MinioServer {
  service: string;
  /** Why it counts as MinIO, for messages (`image minio/minio`, `build context ./minio`, `named in options`). */
  reason: string;
  address: MinioAddress;
  /** The S3 API port inside the stack network. */
  apiPort: number;
  /** Buckets the server creates for itself (`mkdir -p /data/<bucket>`). */
  buckets: string[];
  /** `MINIO_ROOT_USER` / `MINIO_ROOT_PASSWORD` as written (a hook like `${MINIO_ROOT_USER}`, or a literal). */
  credentials: { user: string | null; password: string | null };
}

export interface MinioInit {
  service: string;
  reason: string;
  /** The servers it sets up. */
  servers: string[];
  buckets: string[];
}

export interface MinioSetup {
  servers: MinioServer[];
  inits: MinioInit[];
}

export interface DetectOptions {
  /** Extra services to treat as MinIO servers (named by the user). */
  include?: readonly string[];
  /** Services never to treat as MinIO, whatever they look like. */
  exclude?: readonly string[];
}

type Service = Record<string, unknown>;

function serverReason(name: string, service: Service, include: readonly string[]): string | undefined {
  if (typeof service.image === "string" && isMinioServerImage(service.image)) return `image ${imageRepository(service.image)}`;
  if (isMinioBuild(service.build)) return "built from a local context named minio";
  if (include.includes(name)) return "named in the options";
  return undefined;
}

function credentials(service: Service): MinioServer["credentials"] {
  const env = listToMap(service.environment);
  const pick = (...names: string[]) => {
    for (const n of names) if (env[n] !== undefined && env[n] !== null) return String(env[n]);
    return null;
  };
  return { user: pick("MINIO_ROOT_USER", "MINIO_ACCESS_KEY"), password: pick("MINIO_ROOT_PASSWORD", "MINIO_SECRET_KEY") };
}

function describeServer(name: string, service: Service, reason: string): MinioServer {
  const text = `${commandText(service.entrypoint)} ${commandText(service.command)}`;
  return {
    service: name,
    reason,
    address: addressOf(name, service),
    apiPort: minioApiPort(text),
    buckets: bucketsMadeByMkdir(text),
    credentials: credentials(service),
  };
}

function dependsOn(service: Service): string[] {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return deps.map(String);
  if (deps && typeof deps === "object") return Object.keys(deps);
  return [];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** An init is tied to the servers it depends on or talks to; an `mc` job with no tie is left alone. */
function initOf(name: string, service: Service, servers: MinioServer[]): MinioInit | undefined {
  const text = `${commandText(service.entrypoint)} ${commandText(service.command)}`;
  const byImage = typeof service.image === "string" && isMinioClientImage(service.image);
  const byCommand = runsMcSetup(text);
  if (!byImage && !byCommand) return undefined;
  const deps = dependsOn(service);
  const talksTo = [text, ...stringsIn(service.environment)];
  const tied = servers.filter((s) => deps.includes(s.service) || talksTo.some((t) => refersTo(t, s.address)));
  if (tied.length === 0) return undefined;
  const reason = byImage ? `image ${imageRepository(String(service.image))}` : "runs mc to set up buckets";
  return { service: name, reason, servers: tied.map((s) => s.service), buckets: bucketsMadeByMc(text) };
}

export function detectMinio(project: Project, options: DetectOptions = {}): MinioSetup {
  const include = options.include ?? [];
  const exclude = new Set(options.exclude ?? []);
  const names = project.services().filter((n) => !exclude.has(n));
  const servers: MinioServer[] = [];
  for (const name of names) {
    const service = project.service(name) ?? {};
    const reason = serverReason(name, service, include);
    if (reason) servers.push(describeServer(name, service, reason));
  }
  const inits: MinioInit[] = [];
  for (const name of names) {
    if (servers.some((s) => s.service === name)) continue;
    const init = initOf(name, project.service(name) ?? {}, servers);
    if (init) inits.push(init);
  }
  return { servers, inits };
}

/** Every name and published port of the servers, for finding references to them. */
export function addressOfServers(servers: readonly MinioServer[]): MinioAddress {
  return joinAddresses(servers.map((s) => s.address));
}

/** Every bucket the file shows MinIO holding (server mkdirs and init `mc mb`), in order. */
export function knownBuckets(setup: MinioSetup): string[] {
  return [...new Set([...setup.servers.flatMap((s) => s.buckets), ...setup.inits.flatMap((i) => i.buckets)])];
}
