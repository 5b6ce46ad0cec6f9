/**
 * Reading a service's `image:` the way a registry does, so detection works whatever registry,
 * tag or digest a file uses: `registry.example.com:5000/eeshugerman/postgres-backup-s3:16@sha256:…`
 * and `eeshugerman/postgres-backup-s3` name the same repository.
 */
export interface ImageRef {
  /** The registry host when one is written (`quay.io`); undefined for Docker Hub. */
  registry?: string;
  /** The repository path without registry, `library/` removed (`postgres`, `prom/node-exporter`). */
  repository: string;
  /** The tag, when one is written. */
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export function parseImage(image: string): ImageRef {
  const text = image.trim();
  const at = indexOutsideInterpolation(text, (c) => c === "@");
  const named = at < 0 ? text : text.slice(0, at);
  const digest = at < 0 ? undefined : text.slice(at + 1);
  const slash = named.lastIndexOf("/");
  const colon = indexOutsideInterpolation(named, (c, i) => c === ":" && i > slash);
  const path = colon < 0 ? named : named.slice(0, colon);
  const tag = colon < 0 ? undefined : named.slice(colon + 1);
  const parts = path.split("/");
  // A first component with a dot, a port or `localhost` is a registry host, not a namespace.
  const first = parts[0];
  const isHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = isHost ? first.toLowerCase() : undefined;
  let repository = (isHost ? parts.slice(1) : parts).join("/").toLowerCase();
  if (repository.startsWith("library/")) repository = repository.slice("library/".length);
  return {
    ...(registry && !DOCKER_HUB.has(registry) ? { registry } : {}),
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
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

/** The last path component of the repository (`node-exporter` for `prom/node-exporter`). */
export function imageBaseName(ref: ImageRef): string {
  return ref.repository.slice(ref.repository.lastIndexOf("/") + 1);
}

/** The `image:` of a service in the merged model, when it is a string. */
export function serviceImage(service: Record<string, unknown> | undefined): string | undefined {
  const image = service?.image;
  return typeof image === "string" ? image : undefined;
}
