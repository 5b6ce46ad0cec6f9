/**
 * What a human must do after postgres_exporter is added: put the password in the secret (when
 * the secret is new), give the exporter its own least-privilege role, and scrape it.
 */
import type { Location } from "../../document/compose-document.js";
import { findPrometheus, scrapeInstruction } from "../shared/prometheus.js";
import type { PostgresService } from "../shared/postgres.js";
import type { Target } from "../shared/stack.js";
import type { TransformContext } from "../types.js";

export const POSTGRES_EXPORTER_PORT = 9187;

export interface ExporterSteps {
  ctx: TransformContext;
  at: { location?: Location; service: string };
  exporter: string;
  pg: PostgresService;
  target: Target;
}

/** The secret is new: it must hold exactly the password Postgres was initialised with. */
export function createSecretStep(s: ExporterSteps, secret: string): void {
  const from =
    s.pg.password.kind === "variable"
      ? `"$${s.pg.password.variable}"`
      : s.pg.password.kind === "literal"
        ? `'<the password written in ${s.pg.service}.environment.${s.pg.passwordVariable}>'`
        : `'<the database password of ${s.pg.service}>'`;
  if (s.target === "swarm") {
    s.ctx.manual(
      `create the Docker secret ${secret} with the database password before deploying: printf '%s' ${from} | docker secret create ${secret} -`,
      s.at,
    );
  } else {
    s.ctx.manual(
      `write the database password to ./secrets/${secret} before starting ${s.exporter}; the file is bind-mounted, so it must be readable by uid 65534 ` +
        `(the exporter runs as nobody) and kept out of version control`,
      s.at,
    );
  }
}

/**
 * A `file:` secret is a bind mount under docker compose, so the host file's permissions apply
 * inside the container (domain.md §3, §7.1) — and postgres_exporter runs as uid 65534.
 */
export function fileSecretStep(s: ExporterSteps, secret: string, hostFile: string): void {
  s.ctx.manual(
    `the secret ${secret} is the file ${hostFile}; docker compose bind-mounts it with the host's permissions, so it must be readable by uid 65534 (the exporter runs as nobody)`,
    s.at,
  );
}

/** The superuser works, but a monitoring role limits what a leaked exporter password can do. */
export function monitoringRoleStep(s: ExporterSteps): void {
  s.ctx.manual(
    `connect ${s.exporter} as a dedicated role instead of the database owner: CREATE ROLE postgres_exporter LOGIN PASSWORD '<new password>'; ` +
      `GRANT pg_monitor TO postgres_exporter; then point DATA_SOURCE_USER and its password secret at that role`,
    s.at,
  );
}

export function scrapeStep(s: ExporterSteps, job: string): void {
  s.ctx.manual(scrapeInstruction(findPrometheus(s.ctx.project), job, s.exporter, POSTGRES_EXPORTER_PORT, false), s.at);
}
