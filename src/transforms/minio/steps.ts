/**
 * The human side of switching to external S3: the manual steps s3-external reports, and the
 * inputs of its migration script. Kept apart from the transform so each stays short.
 */
import { resolveDefaults } from "../../interpolation/index.js";
import { hookVariable } from "./interpolation.js";
import { refersTo } from "./address.js";
import { knownBuckets, type MinioServer, type MinioSetup } from "./detect.js";
import type { Consumer, Env } from "./consumers.js";
import type { Layout } from "./layouts.js";
import type { Plan, Target } from "./plan.js";
import type { BucketPair, ScriptInput } from "./script.js";

export interface StepContext {
  target: Target;
  /** Hetzner location code when the target is Hetzner Object Storage. */
  hetzner?: string;
  consumers: Consumer[];
  plans: Plan[];
  layouts: Layout[];
  buckets: BucketPair[];
  accessKeyVariable: string;
  secretKeyVariable: string;
  script?: string;
}

const list = (items: string[]) => items.join(", ");

function bucketStep(c: StepContext): string {
  const names = [...new Set(c.buckets.map((b) => b.target ?? b.source ?? (b.sourceVariable ? `named by ${b.sourceVariable}` : undefined)).filter((b): b is string => Boolean(b)))];
  const what = names.length > 0 ? `the bucket${names.length > 1 ? "s" : ""} ${list(names)}` : "the target bucket";
  const where = c.hetzner
    ? ` in Hetzner Object Storage, location ${c.hetzner} (keys reach every bucket of a Hetzner project: keep production buckets in their own project)`
    : ` at ${c.target.url}`;
  return `create ${what}${where}`;
}

function smokeStep(c: StepContext): string {
  const services = list(c.consumers.map((x) => x.service));
  if (c.layouts.some((l) => l.id === "nhost")) {
    return (
      `smoke-test ${services} against the new bucket before cut-over: upload (PUT), download (GET) and a presigned GET. ` +
      "Nhost Storage always sends path-style requests (UsePathStyle = true, no setting) and builds presigned URLs from S3_ENDPOINT; " +
      "Hetzner's docs do not confirm path-style support, so do not add S3_FORCE_PATH_STYLE — test it"
    );
  }
  return `smoke-test ${services} against the new bucket before cut-over: upload, download and a presigned URL`;
}

/** Manual steps, in the order a person does them. */
export function manualSteps(c: StepContext): string[] {
  const steps = [
    bucketStep(c),
    `set ${c.accessKeyVariable} and ${c.secretKeyVariable} to the new store's keys in the deployment environment ` +
      `(e.g. the production environment's secrets); the services read \${${c.accessKeyVariable}} / \${${c.secretKeyVariable}}`,
    c.script
      ? `copy the objects while MinIO still runs: ${c.script} (mc mirror --dry-run, mc mirror --preserve, then a count/size comparison that exits non-zero on a mismatch)`
      : "copy the objects from MinIO to the new bucket while MinIO still runs (mc mirror --preserve), and compare object counts and sizes",
    smokeStep(c),
  ];
  // Only a region compose-gate chose (the location code) needs the caveat; one set with the
  // `region` option is the user's word, and the message names the value actually written.
  const regions = c.plans.flatMap((p) => p.edits.filter((e) => e.kind === "region").map((e) => e.variable));
  if (c.hetzner && regions.length > 0 && c.target.region === c.hetzner) {
    steps.push(`${list([...new Set(regions)])} set to ${c.target.region}: Hetzner's docs do not name a region; third-party guides use the location code (unverified; option region sets another)`);
  }
  const hooks = [...new Set(c.plans.flatMap((p) => p.edits.map((e) => e.keptHook).filter((h): h is string => Boolean(h))))];
  if (hooks.length > 0) {
    steps.push(`the file now gives new defaults to ${list(hooks)}; if the deployment environment (.env) sets any of them, update or unset it there too`);
  }
  for (const r of c.plans.flatMap((p) => p.required)) {
    steps.push(`${r.service}: ${r.variable} must be set by the deployment environment; set it to ${r.value}`);
  }
  for (const layout of c.layouts) steps.push(...layout.notes);
  return steps;
}

/** The server the consumers point at (by evidence), else the only one. */
export function sourceServer(setup: MinioSetup, consumers: Consumer[]): MinioServer | undefined {
  for (const c of consumers) {
    const ref = c.evidence?.reference;
    const server = ref ? setup.servers.find((s) => refersTo(ref, s.address)) : undefined;
    if (server) return server;
  }
  return setup.servers.length === 1 ? setup.servers[0] : undefined;
}

/**
 * Source buckets: the consumers' bucket defaults (or the deployment variable that names the
 * bucket, when the file only passes it through), else what MinIO and its init create.
 */
export function bucketPairs(setup: MinioSetup, consumers: Consumer[], envs: Map<string, Env>, targetBucket: string): BucketPair[] {
  const sources = new Set<string>();
  const variables = new Set<string>();
  for (const c of consumers) {
    for (const g of c.groups) {
      for (const variable of g.roles.bucket ?? []) {
        const value = envs.get(c.service)?.get(variable) ?? null;
        const seen = value ? resolveDefaults(value).trim() : "";
        const hook = hookVariable(value);
        if (seen) sources.add(seen);
        else if (hook) variables.add(hook);
      }
    }
  }
  const target = targetBucket ? { target: targetBucket } : {};
  const pairs: BucketPair[] = [...sources].map((source) => ({ source, ...target }));
  if (pairs.length === 0) pairs.push(...knownBuckets(setup).map((source) => ({ source, ...target })));
  if (pairs.length === 0) pairs.push(...[...variables].map((sourceVariable) => ({ sourceVariable, ...target })));
  return pairs.length > 0 ? pairs : [{ ...target }];
}

export function scriptInput(c: StepContext, server: MinioServer, composeFile: string, pathStyle: string): ScriptInput {
  return {
    composeFile,
    services: c.consumers.map((x) => x.service),
    sourceUrl: `http://${server.service}:${server.apiPort}`,
    sourceKeyVariables: { access: hookVariable(server.credentials.user), secret: hookVariable(server.credentials.password) },
    targetUrl: c.target.url,
    targetKeyVariables: { access: c.accessKeyVariable, secret: c.secretKeyVariable },
    targetPath: pathStyle === "virtual" ? "off" : "on",
    buckets: c.buckets,
  };
}
