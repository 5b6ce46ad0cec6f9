/**
 * Postgres backup services, recognised by image (any registry, any tag), and whether a
 * configured S3 endpoint is really off-site. Volume-level backups such as
 * offen/docker-volume-backup are not Postgres backups (they archive files, not a dump) and
 * are deliberately not listed.
 */
import type { Project } from "../../project/project.js";
import { parseImage, serviceImage } from "../../image/reference.js";
import { roleOf } from "../shared/roles.js";

export type BackupKind =
  /** eeshugerman/postgres-backup-s3: pg_dump to S3 (domain.md §5.1). */
  | "s3-dump"
  /** prodrigestivill/postgres-backup-local: local files only (domain.md §5.2). */
  | "local"
  /** tiredofit/db-backup and its nfrastack successor: DBnn_* jobs (domain.md §5.3). */
  | "db-backup"
  /** kartoza/pg-backup: s3cmd-based, not examined in domain.md (§5.4). */
  | "kartoza";

const KINDS: Record<string, BackupKind> = {
  "eeshugerman/postgres-backup-s3": "s3-dump",
  "prodrigestivill/postgres-backup-local": "local",
  "tiredofit/db-backup": "db-backup",
  "nfrastack/db-backup": "db-backup",
  "kartoza/pg-backup": "kartoza",
};

export interface BackupService {
  service: string;
  image: string;
  kind: BackupKind;
}

export function findBackups(project: Project): BackupService[] {
  const out: BackupService[] = [];
  for (const service of project.services()) {
    const def = project.service(service);
    const image = serviceImage(def);
    // backup-verify's checkers run the backup image to read the dumps; they are not backup jobs.
    if (!image || roleOf(def) !== undefined) continue;
    const kind = KINDS[parseImage(image).repository];
    if (kind) out.push({ service, image, kind });
  }
  return out;
}

/** The host of an endpoint written as `https://host:port/…` or `host:port`. */
function endpointHost(endpoint: string): string {
  const withoutScheme = endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return withoutScheme.split(/[/:]/)[0].toLowerCase();
}

/**
 * An endpoint inside the stack (a service name, localhost) keeps the dumps on the same
 * machine(s) as the database: that is not off-site, whatever the variable is called.
 */
export function isInsideStack(project: Project, endpoint: string): boolean {
  const host = endpointHost(endpoint);
  if (host === "localhost" || host === "127.0.0.1" || host === "::1") return true;
  return project.services().some((s) => s.toLowerCase() === host);
}
