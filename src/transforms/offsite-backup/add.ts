/**
 * Adding an off-site backup job when the stack has none that can ship off-site: an
 * eeshugerman/postgres-backup-s3 service whose tag is the database's major version, on the
 * database's networks (and the default one when those are all internal), restarted the way the
 * database is, and depending on it.
 */
import type { Project } from "../../project/project.js";
import { choosePostgres, settingText, type PostgresService } from "../shared/postgres.js";
import {
  environmentBlock,
  freeServiceName,
  isolatingNetworks,
  locateService,
  placeNewService,
  preferredEnvForm,
  restartSettings,
  serviceNetworks,
  type Target,
} from "../shared/stack.js";
import type { TransformContext } from "../types.js";
import type { BackupService } from "./detect.js";
import { newJobEnvironment, S3_DUMP_MAJORS, S3_DUMP_REPOSITORY } from "./s3-dump.js";
import { s3DumpSteps } from "./steps.js";
import type { WireOptions } from "./wire.js";

export interface AddOptions extends WireOptions {
  serviceName: string;
  image: string;
  postgresMajor: number;
}

/** The image of the new job, or why none can be chosen without guessing. */
function jobImage(pg: PostgresService, o: AddOptions): { image: string } | { reason: string } {
  if (o.image) return { image: o.image };
  const major = o.postgresMajor || pg.major;
  if (major === undefined) {
    return { reason: `the image ${pg.image} of ${pg.service} does not pin a major version; pin its tag or set option postgresMajor` };
  }
  if (!S3_DUMP_MAJORS.includes(major)) {
    return {
      reason:
        `${S3_DUMP_REPOSITORY} documents tags for Postgres ${S3_DUMP_MAJORS[0]}–${S3_DUMP_MAJORS[S3_DUMP_MAJORS.length - 1]} only and ${pg.service} runs ${pg.image}; ` +
        `set option image to a backup image you have verified for that version`,
    };
  }
  return { image: `${S3_DUMP_REPOSITORY}:${major}` };
}

interface JobPlan {
  pg: PostgresService;
  image: string;
  networks: string[];
  environment: [string, string][];
}

/** Everything the new job needs, or the first reason it cannot be added without guessing. */
function planJob(project: Project, pg: PostgresService, o: AddOptions, networks: string[] | undefined): JobPlan | { reason: string } {
  const image = jobImage(pg, o);
  if ("reason" in image) return image;
  if (networks === undefined) return { reason: `${pg.service} uses network_mode, so a job cannot join its network` };
  const environment = newJobEnvironment(pg, o);
  if ("reason" in environment) return environment;
  // A job only on `internal: true` networks could reach the database but never the bucket.
  const routed = isolatingNetworks(project, networks) ? [...networks, "default"] : networks;
  return { pg, image: image.image, networks: routed, environment };
}

export function addS3Dump(ctx: TransformContext, o: AddOptions, target: Target, localJobs: BackupService[]): void {
  const project = ctx.project;
  const choice = choosePostgres(project, o.postgresService);
  if (!choice.ok) {
    if (choice.none) ctx.satisfied(`${choice.reason}: nothing to back up`);
    else ctx.refuse(`no off-site backup added: ${choice.reason}`);
    return;
  }
  const at = locateService(project, choice.postgres.service);
  const plan = planJob(project, choice.postgres, o, serviceNetworks(project, choice.postgres.service));
  if ("reason" in plan) {
    ctx.refuse(`no off-site backup added for ${choice.postgres.service}: ${plan.reason}`, at);
    return;
  }
  const name = project.services().includes(o.serviceName) ? freeServiceName(project, `${o.serviceName}-offsite`) : o.serviceName;
  const placed = placeNewService(project, name);
  if (!placed.ok) {
    ctx.refuse(`no off-site backup added for ${plan.pg.service}: ${placed.reason}`, at);
    return;
  }
  placed.doc.set(["services", name], {
    image: plan.image,
    depends_on: [plan.pg.service],
    environment: environmentBlock(plan.environment, preferredEnvForm(placed.doc)),
    ...(plan.networks.length > 0 ? { networks: plan.networks } : {}),
    ...restartSettings(project, plan.pg.service, target),
  });
  const local = localJobs.map((j) => `${j.service} (${j.image}) keeps its local dumps but cannot upload them; `).join("");
  ctx.change(
    `${local}added ${name} (${plan.image}): a ${o.schedule} pg_dump of ${settingText(plan.pg.database)} on ${plan.pg.service}, uploaded to R2 through OFFSITE_S3_*`,
    at,
  );
  const password = plan.environment.find(([k]) => k === "POSTGRES_PASSWORD")?.[1] ?? "";
  s3DumpSteps({ ctx, service: name, at, options: o }, /^\$\{(\w+)\}$/.exec(password)?.[1], o.encrypt, plan.pg);
}
