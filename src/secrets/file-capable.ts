/**
 * Images that read a secret from a file named by a `*_FILE` variable (`POSTGRES_PASSWORD_FILE=
 * /run/secrets/db`), and images known NOT to: the table env-to-secrets consults before it turns
 * `VAR: value` into `VAR_FILE: /run/secrets/<name>`. Every row names its source (keys as in
 * /work/shared/research/domain.md §2). An image missing here is treated as not reading `_FILE`
 * variables: the variable stays and a human is told how to proceed, because a guessed
 * `_FILE` name would start the service without its secret.
 */
import { parseImage, refMatches } from "../image/reference.js";

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
    source: "docker-library/docs postgres/content.md \"Docker Secrets\" (domain.md §2, DL @ c4a9ba41)",
  },
  {
    repositories: ["mysql"],
    fileVariable: suffixFor(["MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_HOST", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD"]),
    source: "docker-library/docs mysql/content.md (domain.md §2, DL @ c4a9ba41)",
  },
  {
    repositories: ["mariadb"],
    // The MARIADB_* names and their MYSQL_* aliases: "_FILE may be appended to the previously listed environment variables".
    fileVariable: suffixFor([
      "MARIADB_ROOT_PASSWORD",
      "MARIADB_ROOT_PASSWORD_HASH",
      "MARIADB_ROOT_HOST",
      "MARIADB_DATABASE",
      "MARIADB_USER",
      "MARIADB_PASSWORD",
      "MARIADB_PASSWORD_HASH",
      "MYSQL_ROOT_PASSWORD",
      "MYSQL_ROOT_HOST",
      "MYSQL_DATABASE",
      "MYSQL_USER",
      "MYSQL_PASSWORD",
    ]),
    source: "docker-library/docs mariadb/content.md \"Secrets\" (domain.md §2, DL @ c4a9ba41); the MYSQL_* list in the same file @ 01b5ffe7",
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
    source: "docker-library/docs wordpress/content.md \"Docker Secrets\" @ 00dd5da8",
  },
  {
    repositories: ["grafana/grafana"],
    // run.sh exports every `GF_<SECTION>_<KEY>__FILE` (double underscore) from the file it names.
    fileVariable: (name) => (/^GF_[A-Z0-9_]+$/.test(name) && !name.endsWith("__FILE") ? `${name}__FILE` : undefined),
    source: "grafana/grafana packaging/docker/run.sh @ 07754534 (domain.md §2)",
  },
  {
    repositories: ["minio/minio"],
    fileVariable: suffixFor(["MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"]),
    source: "minio/minio cmd/common-main.go readFromSecret, loadEnvVarsFromFiles (domain.md §2)",
  },
  {
    repositories: ["prometheuscommunity/postgres-exporter"],
    // There is no DATA_SOURCE_NAME_FILE: a DSN with a password must become URI + USER + PASS_FILE.
    fileVariable: suffixFor(["DATA_SOURCE_URI", "DATA_SOURCE_USER", "DATA_SOURCE_PASS"]),
    source: "prometheus-community/postgres_exporter exporter/datasource.go GetDataSources, README (domain.md §2, PE @ dbb1987e)",
  },
  {
    repositories: ["prodrigestivill/postgres-backup-local"],
    fileVariable: suffixFor(["POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB"]),
    source: "prodrigestivill/docker-postgres-backup-local README.md @ d257e5dd (domain.md §2, PL)",
  },
  {
    repositories: ["tiredofit/db-backup"],
    fileVariable: (name) =>
      /^(DEFAULT|DB\d{2})_(PASS|USER|S3_KEY_ID|S3_KEY_SECRET|S3_BUCKET|S3_HOST|ENCRYPT_PASSPHRASE)$/.test(name) ? `${name}_FILE` : undefined,
    source: "tiredofit/docker-db-backup README, install/assets/functions/10-db-backup transform_file_var @ d50f7f4f (domain.md §2, TB)",
  },
];

export interface ImageWithoutFile {
  repositories: string[];
  /** Whether the image has `/bin/sh` for an entrypoint shim. */
  shell: "yes" | "probably-not";
  /** Why, with the source. */
  note: string;
}

/** Images documented to read secrets from plain environment variables only (domain.md §1.5, §2). */
export const IMAGES_WITHOUT_FILE: readonly ImageWithoutFile[] = [
  {
    repositories: ["hasura/graphql-engine"],
    shell: "yes",
    note: "hasura/graphql-engine reads no *_FILE variables (hasura/graphql-engine#3989, #8896); its Ubuntu base has /bin/sh",
  },
  {
    repositories: ["nhost/auth", "nhost/hasura-auth"],
    shell: "probably-not",
    note: "nhost auth reads its settings from environment variables only (nhost/nhost services/auth/go/cmd/serve.go); the Go images are built without a shell (nhost/nixops lib/go/go.nix, inferred)",
  },
  {
    repositories: ["nhost/storage", "nhost/hasura-storage"],
    shell: "probably-not",
    note: "nhost storage reads its settings from environment variables only (nhost/nhost services/storage/cmd/serve.go); the Go images are built without a shell (nhost/nixops lib/go/go.nix, inferred)",
  },
  {
    repositories: ["eeshugerman/postgres-backup-s3"],
    shell: "yes",
    note: "eeshugerman/postgres-backup-s3 reads plain variables only (src/env.sh); it is Alpine-based with /bin/sh and its command is `sh run.sh`",
  },
  {
    repositories: ["redis"],
    shell: "yes",
    note: "the official redis image documents no *_FILE variables; its docs recommend a config file for the password (docker-library/docs redis/content.md)",
  },
];

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
