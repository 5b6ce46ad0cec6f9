/**
 * Recognising MinIO by what a service runs, not by what it is called: a server image, a
 * client (`mc`) image, a local build context named `minio`, or a command that drives `mc`.
 */
import { parseImage } from "../../image/reference.js";
import { resolveDefaults } from "../../interpolation/index.js";

/** The repository of an image reference without registry host, tag or digest: `quay.io/minio/minio:RELEASE…` → `minio/minio`. */
export function imageRepository(image: string): string {
  return parseImage(image).repository;
}

/** Owner/name pairs of MinIO server images (the registry host and any mirror path in front are ignored). */
const SERVER_IMAGES = ["minio/minio", "bitnami/minio", "chainguard/minio"];
/** Owner/name pairs of MinIO client images. */
const CLIENT_IMAGES = ["minio/mc", "bitnami/minio-client", "chainguard/minio-client"];

function lastTwo(repository: string): string {
  return repository.split("/").slice(-2).join("/");
}

export function isMinioServerImage(image: string): boolean {
  return SERVER_IMAGES.includes(lastTwo(imageRepository(image)));
}

export function isMinioClientImage(image: string): boolean {
  const repo = imageRepository(image);
  return CLIENT_IMAGES.includes(lastTwo(repo)) || repo.split("/").pop() === "minio-client";
}

/** `build: ./minio` or `build: {context: docker/minio}`: a local image whose context is named minio. */
export function isMinioBuild(build: unknown): boolean {
  const context = typeof build === "string" ? build : (build as { context?: unknown } | null)?.context;
  if (typeof context !== "string") return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith("git@")) return false;
  const base = context.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "";
  return base.toLowerCase() === "minio";
}

/** A command (string or exec list) as one line of text. */
export function commandText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String).join(" ");
  return "";
}

/** `mc mb`, `mc alias set`, `mc config host add` (with or without a path to `mc`): bucket set-up. */
const MC_SETUP = /(?:^|[\s;&|('"`/])mc\s+(?:--?[\w-]+(?:[= ]\S+)?\s+)*(?:mb|alias\s+set|config\s+host\s+add)\b/;

export function runsMcSetup(text: string): boolean {
  return MC_SETUP.test(text);
}

/**
 * Buckets created by `mc mb … ALIAS/BUCKET` in a command. Buckets named through a variable
 * without a default are skipped: the file does not say what they are.
 */
export function bucketsMadeByMc(text: string): string[] {
  const out: string[] = [];
  for (const clause of text.split(/&&|\|\||[;\n|]/)) {
    const m = /(?:^|[\s('"`/])mc\s+(?:--?[\w-]+\s+)*mb\s+(.*)$/.exec(clause);
    if (!m) continue;
    for (const token of m[1].split(/\s+/)) {
      if (token.startsWith("-") || !token.includes("/")) continue;
      const bucket = resolveDefaults(token.replace(/^['"]|['"]$/g, "")).split("/")[1]?.replace(/\/$/, "");
      if (bucket && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) out.push(bucket);
    }
  }
  return out;
}

/**
 * Buckets a MinIO server creates for itself as directories of its data folder, the way Nhost
 * and Langfuse do it: `mkdir -p /data/nhost && minio server /data`.
 */
export function bucketsMadeByMkdir(text: string): string[] {
  const server = /\bserver\s+(?:--?[\w-]+(?:[= ](?:"[^"]*"|'[^']*'|\S+))?\s+)*(\/[^\s'"]+)/.exec(text);
  if (!server) return [];
  const dataDir = server[1].replace(/\/$/, "");
  const out: string[] = [];
  for (const m of text.matchAll(/\bmkdir\s+(?:-p\s+)?([^\s;&'"]+)/g)) {
    const dir = resolveDefaults(m[1]);
    if (dir.startsWith(`${dataDir}/`)) {
      const bucket = dir.slice(dataDir.length + 1).replace(/\/$/, "");
      if (bucket && !bucket.includes("/")) out.push(bucket);
    }
  }
  return out;
}

/** The API port from `minio server --address :8484 …` (9000 when not given). */
export function minioApiPort(text: string): number {
  const m = /--address[= ]["']?[^\s"':]*:(\d+)/.exec(text);
  return m ? Number(m[1]) : 9000;
}

/**
 * Secret keys written literally into `mc alias set ALIAS URL ACCESS SECRET` (or `mc config host
 * add …`) in a command, so the diff that removes the command can mask them.
 */
export function literalMcSecrets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bmc\s+(?:alias\s+set|config\s+host\s+add)\s+(\S+)\s+(\S+)\s+(\S+)\s+([^\s;&|)"']+)/g)) {
    const secret = m[4];
    if (!secret.includes("$") && !secret.startsWith("-")) out.push(secret);
  }
  return out;
}
