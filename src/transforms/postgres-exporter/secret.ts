/**
 * The Docker secret postgres_exporter reads the database password from
 * (`DATA_SOURCE_PASS_FILE`; there is no `DATA_SOURCE_NAME_FILE`, domain.md §7.1). When Postgres
 * already reads its password from a secret, the exporter is granted the same one; otherwise
 * the secret env-to-secrets would create for that password is declared, and creating it is a
 * manual step.
 */
import { grantPath, mountPath, secretGrants, secretNameForEnv } from "../../secrets/naming.js";
import type { Project } from "../../project/project.js";
import type { PostgresService } from "../shared/postgres.js";
import { serviceEnv, type Target } from "../shared/stack.js";

export interface SecretPlan {
  /** The service-level grant: a name (short syntax) or `{source, target}`. */
  grant: string | { source: string; target: string };
  /** The path the exporter reads. */
  path: string;
  /** The top-level declaration to add, when the stack does not declare the secret yet. */
  declare?: { name: string; definition: Record<string, unknown> };
  /** The secret is new to the stack: a human must create it with the database password. */
  mustCreate: boolean;
  /** The host file behind a reused `file:` secret (bind-mounted with its own permissions). */
  hostFile?: string;
}

/** The secret granted to `service` that is mounted at `path`, as it is granted there. */
export function grantAt(project: Project, service: string, path: string): SecretPlan["grant"] | undefined {
  const found = secretGrants(project.service(service)).find((g) => grantPath(g.target) === path);
  if (!found) return undefined;
  return found.source === found.target ? found.source : { source: found.source, target: found.target };
}

function isDeclared(project: Project, name: string): boolean {
  return project.get(["secrets", name]) !== undefined;
}

/**
 * Under Swarm the secret is `external: true` (created with `docker secret create`); plain
 * compose rejects external secrets ("unsupported external secret", domain.md §3), so there it
 * is a `file:` secret.
 */
export function declaration(name: string, target: Target): Record<string, unknown> {
  return target === "swarm" ? { external: true } : { file: `./secrets/${name}` };
}

export function planPasswordSecret(project: Project, pg: PostgresService, target: Target, wanted: string): SecretPlan | { reason: string } {
  if (pg.password.kind === "file") {
    const grant = grantAt(project, pg.service, pg.password.path);
    if (!grant) {
      return { reason: `${pg.service} reads its password from ${pg.password.path}, which is not a Docker secret granted to it` };
    }
    const source = typeof grant === "string" ? grant : grant.source;
    const file = project.get(["secrets", source, "file"]);
    return { grant, path: pg.password.path, mustCreate: false, ...(typeof file === "string" ? { hostFile: file } : {}) };
  }
  const value = serviceEnv(project, pg.service).get(pg.passwordVariable) ?? null;
  const name = wanted || secretNameForEnv(pg.passwordVariable, value);
  const declared = isDeclared(project, name);
  return {
    grant: name,
    path: mountPath(name),
    ...(declared ? {} : { declare: { name, definition: declaration(name, target) } }),
    mustCreate: !declared,
  };
}
