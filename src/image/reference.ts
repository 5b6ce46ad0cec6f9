/**
 * Reading a service's `image:` the way a registry does, so detection works whatever registry,
 * tag or digest a file uses: `registry.example.com:5000/eeshugerman/postgres-backup-s3:16@sha256:…`
 * and `eeshugerman/postgres-backup-s3` name the same repository. Interpolation in the name is
 * read with its defaults (`${REGISTRY:-quay.io}/minio/minio` is `minio/minio`), the way compose
 * reads the file when the environment is silent.
 */
import { dependsOnEnvironment, resolveDefaults } from "../interpolation/index.js";

export interface ImageRef {
  /** The registry host when one is written and it is not Docker Hub (`quay.io`, `ghcr.io`). */
  registry?: string;
  /** The repository path, lower-cased, Docker Hub's `library/` removed (`postgres`, `prom/node-exporter`). */
  repository: string;
  /** The tag as written (`16`, `${PG_VERSION:-17}`), when there is one. */
  tag?: string;
  digest?: string;
  /**
   * The name contains a variable without a default (`$SNUBA_IMAGE`, `${REGISTRY}/app`): which
   * image runs is only known at deploy time, so `repository` is a guess.
   */
  chosenAtDeploy?: true;
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * Parsed images, shared and frozen: checks and detection ask about the same few images many
 * times per service. Bounded, so a long-lived process reading many stacks cannot grow it
 * forever, but above the number of services the largest file compose-gate reads can hold
 * (2 MB at about 20 bytes per service): the passes over a stack ask about every service in
 * turn, and a smaller cache would be emptied before any answer was asked for again.
 */
const parsed = new Map<string, Readonly<ImageRef>>();
const MAX_PARSED = 100_000;

export function parseImage(image: string): Readonly<ImageRef> {
  let ref = parsed.get(image);
  if (!ref) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(image, (ref = Object.freeze(readImage(image))));
  }
  return ref;
}

function readImage(image: string): ImageRef {
  const text = image.trim();
  const at = indexOutsideInterpolation(text, (c) => c === "@");
  const named = at < 0 ? text : text.slice(0, at);
  const digest = at < 0 ? undefined : text.slice(at + 1);
  const slash = named.lastIndexOf("/");
  const colon = indexOutsideInterpolation(named, (c, i) => c === ":" && i > slash);
  const written = colon < 0 ? named : named.slice(0, colon);
  const tag = colon < 0 ? undefined : named.slice(colon + 1);
  const parts = resolveDefaults(written).split("/").filter(Boolean);
  // A first component with a dot, a port or `localhost` is a registry host, not a namespace.
  const first = parts[0] ?? "";
  const isHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = isHost ? first.toLowerCase() : undefined;
  let repository = (isHost ? parts.slice(1) : parts).join("/").toLowerCase();
  if (repository.startsWith("library/")) repository = repository.slice("library/".length);
  return {
    ...(registry && !DOCKER_HUB.has(registry) ? { registry } : {}),
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    ...(dependsOnEnvironment(written) || repository === "" ? { chosenAtDeploy: true as const } : {}),
  };
}

/** The first index where `stop` holds outside `${…}` (`postgres:${PG:-16}` has one tag colon). */
function indexOutsideInterpolation(text: string, stop: (c: string, i: number) => boolean): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}" && depth > 0) depth--;
    else if (depth === 0 && stop(text[i], i)) return i;
  }
  return -1;
}

/** The tag compose pulls when the environment is silent (`${PG_VERSION:-17}` → `17`); undefined when a variable decides it. */
export function defaultTag(ref: ImageRef): string | undefined {
  if (ref.tag === undefined || dependsOnEnvironment(ref.tag)) return undefined;
  return resolveDefaults(ref.tag);
}

/**
 * Does `image` name the repository `pattern`? A pattern without a registry matches the
 * repository on any registry (Docker Hub or a mirror: `quay.io/minio/minio` is `minio/minio`);
 * a pattern with one (`ghcr.io/busflow/functions`) matches that registry only. An image chosen
 * at deploy time matches nothing.
 */
export function imageMatches(image: string, pattern: string): boolean {
  return refMatches(parseImage(image), pattern);
}

/** `imageMatches` for an image already parsed (a table row has several patterns). */
export function refMatches(ref: ImageRef, pattern: string): boolean {
  const want = parseImage(pattern);
  if (ref.chosenAtDeploy || ref.repository !== want.repository) return false;
  return want.registry === undefined || want.registry === ref.registry;
}

/** The last path component of the repository (`node-exporter` for `prom/node-exporter`). */
export function imageBaseName(ref: ImageRef): string {
  return ref.repository.slice(ref.repository.lastIndexOf("/") + 1);
}

/** The `image:` of a service in the merged model, when it is a string. */
export function serviceImage(service: Record<string, unknown> | undefined): string | undefined {
  const image = service?.image;
  return typeof image === "string" ? image : undefined;
}
