/**
 * Gate item 5 (Postgres part): add postgres_exporter next to the stack's Postgres, connected
 * with `DATA_SOURCE_URI` + `DATA_SOURCE_USER` + `DATA_SOURCE_PASS_FILE` so the password comes
 * from a Docker secret and never from the environment (domain.md §7.1). See
 * docs/transforms/postgres-exporter.md.
 */
import { z } from "zod";
import { serviceImage } from "../image/reference.js";
import { choosePostgres, settingText, type PostgresService } from "./shared/postgres.js";
import {
  deployTarget,
  environmentBlock,
  locateService,
  placeNewService,
  preferredEnvForm,
  restartSettings,
  serviceNetworks,
} from "./shared/stack.js";
import { targetOption } from "./shared/target-option.js";
import { isPostgresExporterImage } from "./postgres-exporter/image.js";
import { defineTransform, type TransformContext } from "./types.js";
import { grantAt, planPasswordSecret, type SecretPlan } from "./postgres-exporter/secret.js";
import { createSecretStep, fileSecretStep, monitoringRoleStep, POSTGRES_EXPORTER_PORT, scrapeStep, type ExporterSteps } from "./postgres-exporter/steps.js";

const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);

const options = z.object({
  target: targetOption,
  postgresService: z.string().default("").describe("The Postgres service to export; empty = the only Postgres service of the stack"),
  serviceName: name.default("postgres-exporter").describe("Name of the exporter service to add"),
  image: z
    .string()
    .min(1)
    .default("quay.io/prometheuscommunity/postgres-exporter:v0.20.1")
    .describe("postgres_exporter image; v0.20.1 is the newest release of prometheus-community/postgres_exporter at the time of writing"),
  secretName: z
    .string()
    .regex(/^([a-zA-Z0-9][a-zA-Z0-9_.-]*)?$/)
    .default("")
    .describe("Secret holding the database password when Postgres does not read one yet; empty = the name env-to-secrets gives it (postgres_password)"),
  sslmode: z
    .enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"])
    .default("disable")
    .describe("sslmode in DATA_SOURCE_URI; `disable` as in the exporter's README example, for a database on the stack's private network"),
  job: z.string().regex(/^[a-zA-Z0-9_.:-]+$/).default("postgres").describe("Prometheus job name suggested in the scrape-job manual step"),
});

type Options = z.infer<typeof options>;

export { isPostgresExporterImage };

/** `DATA_SOURCE_USER` (or its `_FILE` twin and grant) from how Postgres is told its user. */
function userSource(ctx: TransformContext, pg: PostgresService): { env: [string, string]; grant?: SecretPlan["grant"] } | { reason: string } {
  if (pg.user.kind === "value") return { env: ["DATA_SOURCE_USER", pg.user.value] };
  if (pg.user.kind === "file") {
    const grant = grantAt(ctx.project, pg.service, pg.user.path);
    if (grant) return { env: ["DATA_SOURCE_USER_FILE", pg.user.path], grant };
    return { reason: `${pg.service} reads its user from ${pg.user.path}, which is not a Docker secret granted to it` };
  }
  return { reason: `the database user of ${pg.service} is not known: ${pg.user.kind === "unknown" ? pg.user.why : "not set"}` };
}

interface ExporterPlan {
  networks: string[];
  secret: SecretPlan;
  environment: [string, string][];
  grants: SecretPlan["grant"][];
}

function planExporter(ctx: TransformContext, pg: PostgresService, o: Options): ExporterPlan | { reason: string } {
  const networks = serviceNetworks(ctx.project, pg.service);
  if (networks === undefined) return { reason: `${pg.service} uses network_mode, so the exporter cannot join its network` };
  const secret = planPasswordSecret(ctx.project, pg, deployTarget(ctx.project, o.target), o.secretName);
  if ("reason" in secret) return secret;
  const user = userSource(ctx, pg);
  if ("reason" in user) return user;
  // Without a database name in the file, the `postgres` maintenance database always exists.
  const database = settingText(pg.database) ?? "postgres";
  const environment: [string, string][] = [
    ["DATA_SOURCE_URI", `${pg.service}:5432/${database}?sslmode=${o.sslmode}`],
    user.env,
    ["DATA_SOURCE_PASS_FILE", secret.path],
  ];
  return { networks, secret, environment, grants: [...(user.grant ? [user.grant] : []), secret.grant] };
}

function addExporter(ctx: TransformContext, pg: PostgresService, o: Options): void {
  const at = locateService(ctx.project, pg.service);
  const refuse = (reason: string) => ctx.refuse(`no postgres_exporter added for ${pg.service}: ${reason}`, at);
  const plan = planExporter(ctx, pg, o);
  if ("reason" in plan) return refuse(plan.reason);
  const placed = placeNewService(ctx.project, o.serviceName);
  if (!placed.ok) return refuse(placed.reason);
  const target = deployTarget(ctx.project, o.target);
  placed.doc.set(["services", o.serviceName], {
    image: o.image,
    environment: environmentBlock(plan.environment, preferredEnvForm(placed.doc)),
    secrets: plan.grants,
    ...(plan.networks.length > 0 ? { networks: plan.networks } : {}),
    ...restartSettings(ctx.project, pg.service, target),
  });
  const secretName = typeof plan.secret.grant === "string" ? plan.secret.grant : plan.secret.grant.source;
  ctx.change(`added ${o.serviceName} (${o.image}): metrics of ${pg.service} on port ${POSTGRES_EXPORTER_PORT}, password read from secret ${secretName}`, at);
  if (plan.secret.declare) declareSecret(ctx, plan.secret.declare, target);
  const steps: ExporterSteps = { ctx, at, exporter: o.serviceName, pg, target };
  if (plan.secret.mustCreate) createSecretStep(steps, secretName);
  else if (plan.secret.hostFile && target === "compose") fileSecretStep(steps, secretName, plan.secret.hostFile);
  monitoringRoleStep(steps);
  // The observability transform, later in the run, configures the scraping itself.
  if (!ctx.later.includes("observability")) scrapeStep(steps, o.job);
}

function declareSecret(ctx: TransformContext, declare: NonNullable<SecretPlan["declare"]>, target: string): void {
  const path = ["secrets", declare.name];
  const placed = ctx.project.placeSet(path);
  if (!placed.ok) {
    ctx.refuse(`declare the secret ${declare.name} at the top level by hand: ${placed.reason}`);
    return;
  }
  placed.doc.set(path, declare.definition);
  const how = target === "swarm" ? "external: created with docker secret create" : `file: ${String(declare.definition.file)}`;
  ctx.change(`declared secret ${declare.name} (${how})`);
}

export default defineTransform({
  id: "postgres-exporter",
  title: "Postgres metrics with postgres_exporter",
  summary: "Add postgres_exporter next to Postgres, reading the database password from a Docker secret",
  closes: "gate/postgres-exporter",
  options,
  apply(ctx, o) {
    const existing = ctx.project.services().filter((s) => {
      const image = serviceImage(ctx.project.service(s));
      return image !== undefined && isPostgresExporterImage(image);
    });
    if (existing.length > 0) {
      ctx.satisfied(`the stack already runs postgres_exporter (${existing.join(", ")}); no exporter added`, locateService(ctx.project, existing[0]));
      return;
    }
    const choice = choosePostgres(ctx.project, o.postgresService);
    if (!choice.ok) {
      if (choice.none) ctx.satisfied(`${choice.reason}: no exporter needed`);
      else ctx.refuse(`no postgres_exporter added: ${choice.reason}`);
      return;
    }
    if (ctx.project.services().includes(o.serviceName)) {
      ctx.refuse(`service ${o.serviceName} exists and is not a postgres_exporter; choose another serviceName`, locateService(ctx.project, o.serviceName));
      return;
    }
    addExporter(ctx, choice.postgres, o);
  },
});
