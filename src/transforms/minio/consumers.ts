/**
 * Which services use MinIO as their S3 store, and through which variables. A service is a
 * consumer when one of its endpoint variables points at a MinIO server of the stack (by
 * service name, alias or published port, defaults of `${VAR:-…}` included), or when the user
 * names it. Its variable groups come from the built-in layouts, custom groups from the
 * options, and — for endpoint variables no layout knows — prefix inference.
 */
import type { Project } from "../../project/project.js";
import { listToMap } from "../../project/merge.js";
import { refersTo, type MinioAddress } from "./address.js";
import { inferGroup, looksLikeEndpoint, type Layout, type VariableGroup } from "./layouts.js";

export type Env = Map<string, string | null>;

export interface Consumer {
  service: string;
  groups: VariableGroup[];
  layouts: Layout[];
  /** The variable that showed the service uses MinIO, and what it pointed at. */
  evidence?: { variable: string; reference: string };
}

export interface Candidate {
  group: VariableGroup;
  layout?: Layout;
}

/** A service's environment as Docker sees it after merging files and anchors. */
export function effectiveEnv(project: Project, service: string): Env {
  const map = listToMap(project.get(["services", service, "environment"]));
  return new Map(Object.entries(map).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));
}

export function groupVariables(group: VariableGroup): string[] {
  return [...Object.values(group.roles).flat(), ...Object.keys(group.remove ?? {}), ...Object.keys(group.set ?? {})];
}

const endpointVariables = (group: VariableGroup) => [...(group.roles.endpoint ?? []), ...(group.roles.externalEndpoint ?? [])];

function pointsAtMinio(env: Env, variables: string[], address: MinioAddress) {
  for (const variable of variables) {
    const value = env.get(variable);
    const reference = value ? refersTo(value, address) : undefined;
    if (reference) return { variable, reference };
  }
  return undefined;
}

/** Groups inferred for endpoint variables that point at MinIO and that no active group claims. */
function inferred(env: Env, claimed: Set<string>, address: MinioAddress): VariableGroup[] {
  const out: VariableGroup[] = [];
  for (const [name, value] of env) {
    if (claimed.has(name) || !looksLikeEndpoint(name) || !value || !refersTo(value, address)) continue;
    const group = inferGroup(name, new Set(env.keys()));
    if (!group) continue;
    out.push(group);
    for (const v of groupVariables(group)) claimed.add(v);
  }
  return out;
}

/**
 * The groups a service uses, in passes: groups whose endpoint points at MinIO (or, for a named
 * service, is present at all); the other groups of a layout that matched (AppFlowy's `ai`
 * service has AI_MINIO_URL and the APPFLOWY_S3_* keys); inferred groups; and for a named
 * service, the AWS SDK's standard variables. A variable belongs to the first group that claims it.
 */
function consumerOf(service: string, env: Env, candidates: Candidate[], address: MinioAddress, explicit: boolean, infer: boolean): Consumer | undefined {
  const groups: VariableGroup[] = [];
  const layouts = new Set<Layout>();
  const claimed = new Set<string>();
  let evidence: Consumer["evidence"];
  const take = ({ group, layout }: Candidate) => {
    if (groups.includes(group)) return;
    groups.push(group);
    if (layout) layouts.add(layout);
    for (const v of groupVariables(group)) claimed.add(v);
  };
  const unclaimed = (group: VariableGroup) => groupVariables(group).some((v) => env.has(v) && !claimed.has(v));
  for (const candidate of candidates) {
    const endpoints = endpointVariables(candidate.group);
    const hit = pointsAtMinio(env, endpoints, address);
    const named = explicit && (endpoints.some((v) => env.has(v)) || (!candidate.layout && unclaimed(candidate.group)));
    if (!hit && !named) continue;
    evidence ??= hit;
    take(candidate);
  }
  for (const candidate of candidates) if (candidate.layout && layouts.has(candidate.layout) && unclaimed(candidate.group)) take(candidate);
  if (infer) {
    const more = inferred(env, claimed, address);
    for (const group of more) take({ group });
    evidence ??= more.length ? pointsAtMinio(env, more[0].roles.endpoint ?? [], address) : undefined;
  }
  if (explicit) for (const candidate of candidates) if (candidate.layout?.generic && unclaimed(candidate.group)) take(candidate);
  if (groups.length === 0) return undefined;
  return { service, groups, layouts: [...layouts], ...(evidence ? { evidence } : {}) };
}

export interface ConsumerQuery {
  /** Services the user named; when empty, consumers are detected. */
  services: readonly string[];
  candidates: Candidate[];
  /** Infer groups for endpoint variables no layout knows. */
  infer: boolean;
  /** Services never considered (the MinIO servers and their init jobs). */
  skip: ReadonlySet<string>;
  address: MinioAddress;
}

export function findConsumers(project: Project, query: ConsumerQuery): { consumers: Consumer[]; unknown: string[] } {
  const known = new Set(project.services());
  const unknown = query.services.filter((s) => !known.has(s));
  const explicit = query.services.length > 0;
  const names = explicit ? query.services.filter((s) => known.has(s)) : [...known].filter((s) => !query.skip.has(s));
  const consumers: Consumer[] = [];
  for (const service of names) {
    const c = consumerOf(service, effectiveEnv(project, service), query.candidates, query.address, explicit, query.infer);
    if (c) consumers.push(c);
  }
  return { consumers, unknown };
}
