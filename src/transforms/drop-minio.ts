/**
 * `drop-minio`: remove the stack's MinIO servers and their bucket-init jobs, every
 * `depends_on` / `links` entry naming them, and the top-level volumes and networks only they
 * used; report every other reference to MinIO left in the files. Gate item 1, after
 * `s3-external`. See docs/transforms/drop-minio.md.
 */
import { z } from "zod";
import { defineTransform, type TransformContext } from "./types.js";
import { addressOfServers, detectMinio, type MinioSetup } from "./minio/detect.js";
import { dropDependents } from "./minio/dependents.js";
import { findLeftovers } from "./minio/leftovers.js";
import { commandText, literalMcSecrets } from "./minio/image.js";
import { removeService } from "./minio/removal.js";
import { minioState } from "./minio/state.js";
import { dockerVolumeName, mountsOf, onlyUsedBy } from "./minio/usage.js";

const options = z.object({
  services: z.array(z.string()).default([]).describe("Extra services to remove as MinIO servers (detection goes by image, build context and mc commands)"),
  exclude: z.array(z.string()).default([]).describe("Services never to remove, even if they look like MinIO"),
  keepVolumes: z
    .boolean()
    .default(false)
    .describe("Keep the top-level declarations of volumes only MinIO used. Removing a declaration deletes no data: Docker keeps the volume until `docker volume rm`"),
});

type Options = z.infer<typeof options>;

interface Target {
  name: string;
  role: "MinIO server" | "MinIO init job";
  reason: string;
  servers: string[];
}

function targetsOf(setup: MinioSetup): Target[] {
  return [
    ...setup.servers.map((s) => ({ name: s.service, role: "MinIO server" as const, reason: s.reason, servers: [s.service] })),
    ...setup.inits.map((i) => ({ name: i.service, role: "MinIO init job" as const, reason: i.reason, servers: i.servers })),
  ];
}

/** Remove servers first; an init job goes only with (one of) its servers. */
function removeTargets(ctx: TransformContext, targets: Target[]): string[] {
  const removed: string[] = [];
  for (const t of targets) {
    if (t.role === "MinIO init job" && !t.servers.some((s) => removed.includes(s))) {
      ctx.refuse(`kept ${t.name} (${t.role}): ${t.servers.join(", ")} stays, so its bucket set-up is still needed`, { service: t.name });
      continue;
    }
    const result = removeService(ctx.project, t.name);
    const at = { service: t.name, ...(result.location ? { location: result.location } : {}) };
    if (!result.ok) {
      ctx.refuse(result.reason, at);
      continue;
    }
    removed.push(t.name);
    ctx.change(`removed ${t.name} (${t.role}: ${t.reason})`, at);
  }
  return removed;
}

function dropReferences(ctx: TransformContext, removed: string[]): void {
  for (const doc of ctx.project.editableDocs) {
    for (const service of doc.services()) {
      for (const key of ["depends_on", "links"] as const) {
        const edit = dropDependents(doc, service, key, removed);
        if (!edit) continue;
        const at = { service, ...(edit.location ? { location: edit.location } : {}) };
        if (edit.refused) ctx.refuse(`${service}: kept ${edit.removed.join(", ")} in ${key}: ${edit.refused}`, at);
        else ctx.change(`${service}: removed ${edit.removed.join(", ")} from ${key}${edit.anchor ? ` (in anchor &${edit.anchor}, shared by every reader)` : ""}`, at);
      }
    }
  }
}

function dropTopLevel(ctx: TransformContext, kind: "volumes" | "networks", names: string[]): string[] {
  const dropped: string[] = [];
  for (const name of names) {
    const placement = ctx.project.placeDelete([kind, name]);
    const location = ctx.project.locate([kind, name]);
    if (!placement.ok) continue; // declared in a shared file: harmless to keep, nothing to report
    for (const doc of placement.docs) doc.delete([kind, name], { prune: true });
    dropped.push(name);
    ctx.change(`removed ${kind}.${name} (only removed MinIO services used it)`, location ? { location } : {});
  }
  return dropped;
}

function volumeSteps(ctx: TransformContext, o: Options, volumes: string[], dockerNames: Map<string, string>, binds: string[]): void {
  if (volumes.length > 0) {
    const names = volumes.map((v) => dockerNames.get(v) ?? v).join(", ");
    const declared = o.keepVolumes ? "kept their declarations (keepVolumes)" : "removed only their declarations";
    ctx.manual(
      `MinIO's data is still in Docker volume(s) ${names}: compose-gate ${declared}, which deletes no data. ` +
        "Once the copy is verified, remove them with docker volume rm on each node that ran MinIO",
    );
  }
  for (const path of binds) ctx.manual(`MinIO's data stays on the host at ${path}; delete it only after the copy is verified`);
}

function copyStep(ctx: TransformContext, servers: string[]): void {
  const switched = minioState(ctx.state).switched;
  const names = servers.join(", ");
  if (switched?.script) {
    ctx.manual(`run ${switched.script} before deploying this change: it copies from ${names}, which this change removes`);
  } else {
    ctx.manual(`copy the objects out of ${names} before deploying this change (mc mirror), and point every service that used it at the new store`);
  }
  ctx.manual(
    "docker stack deploy leaves services that are no longer in the file running unless it is run with --prune " +
      `(docker compose up: --remove-orphans); use it once the copy is verified to stop ${names}`,
  );
}

function reportLeftovers(ctx: TransformContext, setup: MinioSetup, removed: string[]): void {
  const servers = setup.servers.filter((s) => removed.includes(s.service));
  for (const l of findLeftovers(ctx.project, addressOfServers(servers), removed)) {
    ctx.refuse(`${l.services.join(", ")}: ${l.path} still refers to removed MinIO (${l.reference}); point it at the new object store`, {
      service: l.services[0],
      ...(l.location ? { location: l.location } : {}),
    });
  }
}

export default defineTransform({
  id: "drop-minio",
  title: "Remove MinIO",
  summary: "Remove the MinIO servers and bucket-init jobs, their depends_on/links entries and the volumes and networks only they used",
  closes: "gate/minio",
  options,
  apply(ctx, o) {
    const state = minioState(ctx.state);
    const custom = o.services.length > 0 || o.exclude.length > 0;
    const setup = state.setup && !custom ? state.setup : detectMinio(ctx.project, { include: o.services, exclude: o.exclude });
    state.setup ??= setup;
    const unknown = o.services.filter((s) => !ctx.project.services().includes(s));
    for (const name of unknown) ctx.refuse(`services.${name} does not exist; check the services option`);
    const targets = targetsOf(setup);
    if (targets.length === 0) return;

    const gone = new Map(targets.map((t) => [t.name, ctx.project.service(t.name) ?? {}]));
    for (const definition of gone.values()) {
      for (const secret of literalMcSecrets(`${commandText(definition.entrypoint)} ${commandText(definition.command)}`)) ctx.secret(secret);
    }
    const dockerNames = new Map<string, string>();
    for (const v of onlyUsedBy(ctx.project, "volumes", [...gone.keys()], gone)) dockerNames.set(v, dockerVolumeName(ctx.project, v));
    const removed = removeTargets(ctx, targets);
    if (removed.length === 0) return;

    const removedDefs = new Map([...gone].filter(([n]) => removed.includes(n)));
    dropReferences(ctx, removed);
    const volumes = onlyUsedBy(ctx.project, "volumes", removed, removedDefs);
    if (!o.keepVolumes) dropTopLevel(ctx, "volumes", volumes);
    dropTopLevel(ctx, "networks", onlyUsedBy(ctx.project, "networks", removed, removedDefs));
    reportLeftovers(ctx, setup, removed);

    const servers = setup.servers.map((s) => s.service).filter((s) => removed.includes(s));
    if (servers.length === 0) return;
    copyStep(ctx, servers);
    const binds = [...removedDefs.entries()].filter(([n]) => servers.includes(n)).flatMap(([, d]) => mountsOf(d).binds);
    volumeSteps(ctx, o, volumes.filter((v) => dockerNames.has(v)), dockerNames, binds);
  },
});
