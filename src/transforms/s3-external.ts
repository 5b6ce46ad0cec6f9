/**
 * `s3-external`: point the services that store files in the stack's MinIO at an external
 * S3-compatible store — by default Hetzner Object Storage — and ship the script that copies
 * the objects over. Gate item 1; `drop-minio` then removes MinIO itself. See
 * docs/transforms/s3-external.md for every default and its source.
 */
import { z } from "zod";
import { defineTransform, type TransformContext } from "./types.js";
import { addressOfServers, detectMinio, type MinioSetup } from "./minio/detect.js";
import { effectiveEnv, findConsumers, type Candidate, type Consumer, type Env } from "./minio/consumers.js";
import { editEnv, type EnvOutcome } from "./minio/env-edit.js";
import { LAYOUT_IDS, LAYOUTS, ROLES, layoutById, type VariableGroup } from "./minio/layouts.js";
import { planService, type Plan, type PlannedEdit, type Target } from "./minio/plan.js";
import { migrationScript } from "./minio/script.js";
import { minioState } from "./minio/state.js";
import { bucketPairs, manualSteps, scriptInput, sourceServer, type StepContext } from "./minio/steps.js";

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const Names = z.union([z.string().regex(VARIABLE), z.array(z.string().regex(VARIABLE))]);

const roleFields = Object.fromEntries(
  ROLES.map((role) => [role, Names.optional().describe(`Variable name(s) holding the ${role}`)]),
) as Record<(typeof ROLES)[number], z.ZodOptional<typeof Names>>;

const GroupOption = z.object({
  ...roleFields,
  remove: z
    .record(z.string().regex(VARIABLE), z.string())
    .optional()
    .describe("Variables to remove (MinIO-only settings), each with the neutral value to override with where the definition cannot be edited"),
  set: z.record(z.string().regex(VARIABLE), z.string()).optional().describe("Variables to set to a fixed value when present"),
});

const options = z.object({
  location: z
    .enum(["fsn1", "nbg1", "hel1"])
    .default("fsn1")
    .describe("Hetzner Object Storage location: the endpoint is https://<location>.your-objectstorage.com (docs.hetzner.com object-storage overview)"),
  endpoint: z
    .string()
    // No `user:password@`: the endpoint is written into the compose file and the migration script.
    .regex(/^(https?:\/\/[^/\s?#@]+\/?)?$/, "a bare endpoint URL such as https://s3.example.com: no bucket, no path, no user:password@ (the keys come from accessKeyVariable and secretKeyVariable)")
    .default("")
    .describe("Full endpoint URL of another S3-compatible store; overrides location. The bare service endpoint, never bucket-in-host, never user:password@"),
  region: z.string().default("").describe("Region to write; empty means the Hetzner location code, or no change for a custom endpoint"),
  bucket: z.string().default("").describe("Target bucket name; empty keeps each service's bucket (and its default)"),
  services: z.array(z.string()).default([]).describe("Services to switch; empty detects the services whose S3 endpoint points at MinIO"),
  layout: z
    .enum(["auto", ...LAYOUT_IDS])
    .default("auto")
    .describe("Which variables hold the S3 settings: auto tries every built-in layout and infers unknown ones from the endpoint variable's prefix"),
  variables: z.array(GroupOption).default([]).describe("Extra role → variable mappings for apps no layout knows, tried before the built-in layouts"),
  accessKeyVariable: z.string().regex(VARIABLE).default("S3_ACCESS_KEY").describe("Deployment variable that holds the new access key"),
  secretKeyVariable: z.string().regex(VARIABLE).default("S3_SECRET_KEY").describe("Deployment variable that holds the new secret key"),
  pathStyle: z
    .enum(["keep", "path", "virtual"])
    .default("keep")
    .describe("Force-path-style variables: keep them, or set path-style / virtual-hosted (Nhost Storage is always path-style)"),
  script: z.string().default("scripts/migrate-minio-to-s3.sh").describe("Migration script to write, relative to the first compose file; empty writes none"),
});

type Options = z.infer<typeof options>;

function resolveTarget(o: Options): { target: Target; hetzner?: string } {
  const url = (o.endpoint || `https://${o.location}.your-objectstorage.com`).replace(/\/$/, "");
  const parsed = new URL(url);
  const target: Target = { url, host: parsed.host, scheme: parsed.protocol === "http:" ? "http" : "https" };
  const region = o.region || (o.endpoint ? undefined : o.location);
  return { target: region ? { ...target, region } : target, ...(o.endpoint ? {} : { hetzner: o.location }) };
}

function customGroups(o: Options): VariableGroup[] {
  return o.variables.map((g, i) => {
    const roles: VariableGroup["roles"] = {};
    for (const role of ROLES) {
      const v = g[role];
      if (v !== undefined) roles[role] = Array.isArray(v) ? v : [v];
    }
    return { label: `variables[${i}]`, roles, ...(g.remove ? { remove: g.remove } : {}), ...(g.set ? { set: g.set } : {}) };
  });
}

function candidates(o: Options): Candidate[] {
  const layouts = o.layout === "auto" ? LAYOUTS : [layoutById(o.layout)!];
  return [
    ...customGroups(o).map((group) => ({ group })),
    ...layouts.flatMap((layout) => layout.groups.map((group) => ({ group, layout }))),
  ];
}

function describe(edit: PlannedEdit, outcome: Extract<EnvOutcome, { kind: "changed" }>): string {
  const what = edit.next === null ? `removed ${edit.variable}` : `${edit.variable} → ${edit.next}`;
  const anchor = outcome.anchor ? ` (in anchor &${outcome.anchor}, read by ${outcome.sharedWith?.join(", ")})` : "";
  const override = outcome.override ? ` (override in ${outcome.file})` : "";
  return `${edit.service}: ${what}${anchor}${override}`;
}

/** Apply every planned edit; returns whether anything changed. */
function applyPlans(ctx: TransformContext, plans: Plan[]): boolean {
  const planned = (service: string, variable: string) =>
    plans.flatMap((p) => p.edits).find((e) => e.service === service && e.variable === variable)?.next;
  let changed = false;
  for (const edit of plans.flatMap((p) => p.edits)) {
    let outcome = editEnv(ctx.project, edit.service, edit.variable, edit.next, (s) => planned(s, edit.variable));
    if (outcome.kind === "refused" && outcome.cause === "locked" && edit.neutral !== undefined) {
      // An override cannot remove a variable, but it can neutralise it.
      edit.next = edit.neutral;
      outcome = editEnv(ctx.project, edit.service, edit.variable, edit.next, () => edit.next);
    }
    if (outcome.kind === "changed") {
      changed = true;
      ctx.change(describe(edit, outcome), { service: edit.service, ...(outcome.location ? { location: outcome.location } : {}) });
    } else if (outcome.kind === "refused") {
      const what = edit.next === null ? `remove ${edit.variable}` : `set ${edit.variable}`;
      ctx.refuse(`${edit.service}: did not ${what}: ${outcome.reason}`, { service: edit.service, ...(outcome.location ? { location: outcome.location } : {}) });
    }
  }
  return changed;
}

function noConsumer(ctx: TransformContext, setup: MinioSetup, o: Options): void {
  if (o.services.length > 0 || setup.servers.length === 0) return;
  const names = setup.servers.map((s) => s.service).join(", ");
  ctx.refuse(
    `found MinIO (${names}) but no service whose S3 endpoint points at it (any more); if a service reaches it ` +
      "through variables set outside the compose files (.env), name it in the services option",
  );
}

function report(ctx: TransformContext, o: Options, setup: MinioSetup, steps: Omit<StepContext, "script" | "buckets">, envs: Map<string, Env>): string | undefined {
  const buckets = bucketPairs(setup, steps.consumers, envs, o.bucket);
  const server = sourceServer(setup, steps.consumers);
  const script = o.script && server ? o.script : undefined;
  const context: StepContext = { ...steps, buckets, ...(script ? { script } : {}) };
  if (script && server) {
    ctx.addFile({
      path: script,
      content: migrationScript(scriptInput(context, server, ctx.project.docs[0].filename, o.pathStyle)),
      mode: 0o755,
      description: `copies the MinIO bucket(s) of ${steps.consumers.map((c) => c.service).join(", ")} to ${steps.target.url} and verifies counts and sizes`,
    });
  }
  for (const step of manualSteps(context)) ctx.manual(step);
  return script;
}

export default defineTransform({
  id: "s3-external",
  title: "Point S3 consumers at external object storage",
  summary: "Switch the services that use the stack's MinIO to Hetzner Object Storage (or any S3 endpoint) and write the migration script",
  closes: "gate/minio",
  options,
  apply(ctx, o) {
    const state = minioState(ctx.state);
    const setup = state.setup ?? detectMinio(ctx.project);
    state.setup = setup;
    const { target, hetzner } = resolveTarget(o);
    const skip = new Set([...setup.servers, ...setup.inits].map((x) => x.service));
    const found = findConsumers(ctx.project, { services: o.services, candidates: candidates(o), infer: o.layout === "auto", skip, address: addressOfServers(setup.servers) });
    for (const name of found.unknown) ctx.refuse(`services.${name} does not exist; check the services option`);
    if (found.consumers.length === 0) return noConsumer(ctx, setup, o);

    const envs = new Map(found.consumers.map((c) => [c.service, effectiveEnv(ctx.project, c.service)]));
    const planOptions = { target, bucket: o.bucket, accessKeyVariable: o.accessKeyVariable, secretKeyVariable: o.secretKeyVariable, pathStyle: o.pathStyle };
    const plans = found.consumers.map((c: Consumer) => planService(c.service, envs.get(c.service)!, c.groups, planOptions));
    for (const secret of plans.flatMap((p) => p.secrets)) ctx.secret(secret);
    if (!applyPlans(ctx, plans)) return;

    const layouts = [...new Set(found.consumers.flatMap((c) => c.layouts))];
    const steps = {
      target,
      ...(hetzner ? { hetzner } : {}),
      consumers: found.consumers,
      plans,
      layouts,
      accessKeyVariable: o.accessKeyVariable,
      secretKeyVariable: o.secretKeyVariable,
    };
    const script = report(ctx, o, setup, steps, envs);
    state.switched = { services: found.consumers.map((c) => c.service), endpoint: target.url, ...(script ? { script } : {}) };
  },
});
