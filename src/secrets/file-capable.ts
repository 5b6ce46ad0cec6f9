/**
 * Images that read a secret from a file named by a `*_FILE` variable (`POSTGRES_PASSWORD_FILE=
 * /run/secrets/db`), and images known NOT to: the table env-to-secrets consults before it turns
 * `VAR: value` into `VAR_FILE: /run/secrets/<name>`, or wraps the image's start in a shim.
 * Every row names its source: the upstream file that reads the variable (or builds the image),
 * at the commit read. An image missing here is treated as not reading `_FILE` variables: a
 * guessed `_FILE` name would start the service without its secret.
 */
import { parseImage, refMatches } from "../image/reference.js";
import { LEGO_CREDENTIAL_VARIABLES } from "./lego-variables.js";

export interface FileCapableImage {
  /** Repositories (see `imageMatches`). */
  repositories: string[];
  /** The file variable the image reads for `name`, or undefined when it reads none. */
  fileVariable(name: string): string | undefined;
  /** Where this is documented. */
  source: string;
}

/** `NAME_FILE` for the listed names only. */
function suffixFor(names: string[], suffix = "_FILE"): (name: string) => string | undefined {
  const set = new Set(names);
  return (name) => (set.has(name) ? `${name}${suffix}` : undefined);
}

export const FILE_CAPABLE_IMAGES: readonly FileCapableImage[] = [
  {
    repositories: ["postgres"],
    // "Currently, this is only supported for POSTGRES_INITDB_ARGS, POSTGRES_PASSWORD, POSTGRES_USER, and POSTGRES_DB."
    fileVariable: suffixFor(["POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "POSTGRES_INITDB_ARGS"]),
    source:
      "docker-library/postgres docker-entrypoint.sh @ 6edb0a8c (file_env POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS); https://hub.docker.com/_/postgres \"Docker Secrets\"",
  },
  {
    repositories: ["mysql"],
    fileVariable: suffixFor(["MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_HOST", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD"]),
    source: "docker-library/mysql docker-entrypoint.sh @ 7f30fdb0 (file_env for these five); https://hub.docker.com/_/mysql \"Docker Secrets\"",
  },
  {
    repositories: ["mariadb"],
    // `_mariadb_file_env` reads both spellings of the five MYSQL_*/MARIADB_* pairs; the rest are MARIADB_* only.
    fileVariable: suffixFor([
      "MARIADB_ROOT_PASSWORD",
      "MARIADB_ROOT_PASSWORD_HASH",
      "MARIADB_ROOT_HOST",
      "MARIADB_DATABASE",
      "MARIADB_USER",
      "MARIADB_PASSWORD",
      "MARIADB_PASSWORD_HASH",
      "MARIADB_REPLICATION_USER",
      "MARIADB_REPLICATION_PASSWORD",
      "MARIADB_REPLICATION_PASSWORD_HASH",
      "MYSQL_ROOT_PASSWORD",
      "MYSQL_ROOT_HOST",
      "MYSQL_DATABASE",
      "MYSQL_USER",
      "MYSQL_PASSWORD",
    ]),
    source: "MariaDB/mariadb-docker docker-entrypoint.sh @ 1b6429ba (docker_setup_env: _mariadb_file_env and file_env); https://hub.docker.com/_/mariadb \"Secrets\"",
  },
  {
    repositories: ["wordpress"],
    fileVariable: suffixFor([
      "WORDPRESS_DB_HOST",
      "WORDPRESS_DB_USER",
      "WORDPRESS_DB_PASSWORD",
      "WORDPRESS_DB_NAME",
      "WORDPRESS_AUTH_KEY",
      "WORDPRESS_SECURE_AUTH_KEY",
      "WORDPRESS_LOGGED_IN_KEY",
      "WORDPRESS_NONCE_KEY",
      "WORDPRESS_AUTH_SALT",
      "WORDPRESS_SECURE_AUTH_SALT",
      "WORDPRESS_LOGGED_IN_SALT",
      "WORDPRESS_NONCE_SALT",
      "WORDPRESS_TABLE_PREFIX",
      "WORDPRESS_DEBUG",
    ]),
    source: "docker-library/wordpress latest/php8.3/apache/wp-config-docker.php @ bf223d1c (getenv_docker reads <NAME>_FILE first); https://hub.docker.com/_/wordpress \"Docker Secrets\"",
  },
  {
    repositories: ["grafana/grafana"],
    // run.sh exports every `GF_<SECTION>_<KEY>__FILE` (double underscore) from the file it names.
    fileVariable: (name) => (/^GF_[A-Z0-9_]+$/.test(name) && !name.endsWith("__FILE") ? `${name}__FILE` : undefined),
    source: "grafana/grafana packaging/docker/run.sh @ 07754534 (every GF_*__FILE); https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/",
  },
  {
    repositories: ["minio/minio"],
    fileVariable: suffixFor(["MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"]),
    source: "minio/minio cmd/common-main.go (loadEnvVarsFromFiles, readFromSecret)",
  },
  {
    repositories: ["prometheuscommunity/postgres-exporter"],
    // There is no DATA_SOURCE_NAME_FILE: a DSN with a password must become URI + USER + PASS_FILE.
    fileVariable: suffixFor(["DATA_SOURCE_URI", "DATA_SOURCE_USER", "DATA_SOURCE_PASS"]),
    source: "prometheus-community/postgres_exporter exporter/datasource.go @ dbb1987e (getDataSources); its README \"Environment Variables\"",
  },
  {
    repositories: ["prodrigestivill/postgres-backup-local"],
    fileVariable: suffixFor(["POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB"]),
    source: "prodrigestivill/docker-postgres-backup-local env.sh @ d257e5dd (POSTGRES_DB_FILE, POSTGRES_USER_FILE, POSTGRES_PASSWORD_FILE)",
  },
  {
    repositories: ["tiredofit/db-backup"],
    fileVariable: (name) =>
      /^(DEFAULT|DB\d{2})_(PASS|USER|S3_KEY_ID|S3_KEY_SECRET|S3_BUCKET|S3_HOST|ENCRYPT_PASSPHRASE|ENCRYPT_PRIVATE_KEY|BLOBXFER_STORAGE_ACCOUNT_KEY|MONGO_CUSTOM_URI)$/.test(name) ||
      /^(DB_PASS|S3_KEY_ID|S3_KEY_SECRET|BLOBXFER_STORAGE_ACCOUNT_KEY)$/.test(name)
        ? `${name}_FILE`
        : undefined,
    source: "tiredofit/docker-db-backup install/assets/functions/10-db-backup @ d50f7f4f (transform_file_var in bootstrap_variables)",
  },
  {
    repositories: ["traefik"],
    // lego's DNS-provider credentials (ACME DNS challenge); Traefik's own settings have no _FILE.
    fileVariable: suffixFor([...LEGO_CREDENTIAL_VARIABLES]),
    source:
      "go-acme/lego platform/config/env/env.go @ v4.17.4 (GetOrFile); https://doc.traefik.io/traefik/https/acme/#providers (\"Many lego environment variables can be overridden by their respective _FILE counterpart\")",
  },
];

/** What an image runs when a service overrides neither entrypoint nor command. */
export interface ImageStart {
  /** The image's ENTRYPOINT as `docker image inspect` shows it (`[]` for none). */
  entrypoint: readonly string[];
  /** The image's CMD, a shell-form CMD as Docker stores it (`/bin/sh -c "…"`). */
  cmd: readonly string[];
  /** The Dockerfile that says so. */
  source: string;
}

export interface ImageWithoutFile {
  repositories: string[];
  /**
   * Whether the image has `/bin/sh` for an entrypoint shim: `yes`, `none` (its build puts no
   * shell in it), or `unknown` (it depends on the tag).
   */
  shell: "yes" | "none" | "unknown";
  /** What the image starts; only with a source, since a shim must `exec` exactly this. */
  start?: ImageStart;
  /** Commands people run inside the container with `docker exec` (a shim's exports do not reach them). */
  oneOff?: string[];
  /** Why, with the source. */
  note: string;
}

/** Images documented to read secrets from plain environment variables only. */
export const IMAGES_WITHOUT_FILE: readonly ImageWithoutFile[] = [
  {
    repositories: ["hasura/graphql-engine"],
    shell: "yes",
    start: {
      entrypoint: [],
      cmd: ["/bin/sh", "-c", '"${HGE_BINARY}" serve'],
      source:
        "hasura/graphql-engine packaging/graphql-engine/Dockerfile @ 1c8236d7 (ENV HGE_BINARY graphql-engine; shell-form CMD \"${HGE_BINARY}\" serve) on packaging/graphql-engine-base/ubuntu.dockerfile @ 03edeb4a (Ubuntu, no ENTRYPOINT)",
    },
    note: "hasura/graphql-engine reads no *_FILE variables (hasura/graphql-engine#3989, #8896)",
  },
  {
    repositories: ["eeshugerman/postgres-backup-s3"],
    shell: "yes",
    start: {
      entrypoint: [],
      cmd: ["sh", "run.sh"],
      source: "eeshugerman/postgres-backup-s3 Dockerfile @ ecb08ff4 (FROM alpine, CMD [\"sh\", \"run.sh\"], no ENTRYPOINT or WORKDIR)",
    },
    oneOff: ["sh backup.sh", "sh restore.sh"],
    note: "eeshugerman/postgres-backup-s3 reads plain variables only (src/env.sh @ ecb08ff4)",
  },
  {
    repositories: ["nhost/auth", "nhost/storage", "nhost/hasura-storage"],
    shell: "none",
    note:
      "nhost's auth and storage read their settings from environment variables only (nhost/nhost services/auth/go/cmd/serve.go, services/storage/cmd/serve.go), and their images hold no /bin/sh: nhost/nixops lib/go/go.nix docker-image copies in only the service, CA certificates and its libraries (busybox is commented out)",
  },
  {
    repositories: ["nhost/hasura-auth"],
    shell: "unknown",
    note:
      "nhost/hasura-auth reads its settings from environment variables only (nhost/hasura-auth go/cmd/serve.go); its early Node images are FROM node:16-alpine (with /bin/sh), its nix-built ones have no shell (nhost/nixops lib/go/go.nix)",
  },
  {
    repositories: ["redis"],
    shell: "yes",
    note: "the official redis image reads no password variable at all; its docs configure the password in redis.conf (https://hub.docker.com/_/redis)",
  },
];

/**
 * A file in the AWS SDK's shared-credentials format (`[default]`, `aws_access_key_id = …`,
 * `aws_secret_access_key = …`) that an image reads instead of two key variables: an image that
 * falls back to the SDK's default credential chain when its own key variables are empty reads
 * the file named by `AWS_SHARED_CREDENTIALS_FILE`.
 */
export interface CredentialsFile {
  /** The image's access-key and secret-key variables, which the file replaces together. */
  accessKey: string;
  secretKey: string;
  /** The variable naming the file. */
  fileVariable: "AWS_SHARED_CREDENTIALS_FILE";
  source: string;
}

const NHOST_STORAGE_CREDENTIALS: CredentialsFile = {
  accessKey: "S3_ACCESS_KEY",
  secretKey: "S3_SECRET_KEY",
  fileVariable: "AWS_SHARED_CREDENTIALS_FILE",
  source:
    "nhost/hasura-storage cmd/serve.go @ v0.7.2 and nhost/nhost services/storage/cmd/serve.go (getContentStorage: with S3_ACCESS_KEY or S3_SECRET_KEY empty, config.LoadDefaultConfig); https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html (AWS_SHARED_CREDENTIALS_FILE)",
};

/** `0.7.2` → [0, 7, 2]; undefined for a tag that is no plain version. */
function version(tag: string | undefined): number[] | undefined {
  const m = tag ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(tag) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const atLeast = (v: number[] | undefined, min: number[]) => v !== undefined && (v[0] - min[0] || v[1] - min[1] || v[2] - min[2]) >= 0;

/**
 * The credentials file `image` can read its key pair from, or undefined. nhost's storage falls
 * back to the AWS default chain from hasura-storage 0.5.0 on (0.4.x has no fallback), and still
 * does in the monorepo's `nhost/storage`; a tag that is no plain version is not assumed to.
 */
export function credentialsFileFor(image: string | undefined): CredentialsFile | undefined {
  if (!image) return undefined;
  const ref = parseImage(image);
  const storage = refMatches(ref, "nhost/storage") || refMatches(ref, "nhost/hasura-storage");
  return storage && atLeast(version(ref.tag), [0, 5, 0]) ? NHOST_STORAGE_CREDENTIALS : undefined;
}

/**
 * The variable `image` reads `name` from a file through, or undefined. `extraImages` are
 * images the user declared file-capable (own images after `compose-gate codemod secrets`): they read
 * `<NAME>_FILE` for every secret variable.
 */
export function fileVariableFor(image: string | undefined, name: string, extraImages: readonly string[] = []): string | undefined {
  if (!image) return undefined;
  // The table wins where it knows the image: Grafana reads `__FILE`, not `_FILE`.
  const ref = parseImage(image);
  const row = FILE_CAPABLE_IMAGES.find((r) => r.repositories.some((p) => refMatches(ref, p)));
  const known = row?.fileVariable(name);
  if (known) return known;
  return extraImages.some((pattern) => refMatches(ref, pattern)) ? `${name}_FILE` : undefined;
}

/** What is known about an image that does not read `_FILE` variables, if anything. */
export function knownWithoutFile(image: string | undefined): ImageWithoutFile | undefined {
  if (!image) return undefined;
  const ref = parseImage(image);
  return IMAGES_WITHOUT_FILE.find((r) => r.repositories.some((p) => refMatches(ref, p)));
}

/** True for names that already point at a file (`X_FILE`, Grafana's `GF_X__FILE`). */
export function isFileVariable(name: string): boolean {
  return /_FILE$/i.test(name);
}
