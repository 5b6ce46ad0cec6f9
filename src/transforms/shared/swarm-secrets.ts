/**
 * Who tells the user how an external Swarm secret gets created. env-to-secrets writes a script
 * and a secrets-sync workflow that create every external secret the stack and its companions
 * declare, each from the variable of its name (postgres_password from POSTGRES_PASSWORD). A
 * transform that declares new external secrets (backup-verify's scratch password, the
 * observability stack's Grafana password) hands them to those files instead of telling the user
 * to run `docker secret create` by hand, so each secret is set up in one place and rotated with
 * `compose-gate secrets rotate` like the others:
 *
 * - when env-to-secrets already ran in this run and writes the files, they are written again
 *   with the new secrets in them (`refresh`);
 * - when it runs later in this run, it is told to write them even if it converts nothing
 *   (`takePending`), and it reports the steps a secret needs when it cannot create it;
 * - otherwise the transform reports its own step.
 *
 * Either way the transform still says what value a new secret holds: only a person knows that.
 */
import type { TransformContext } from "../types.js";

/** A new external secret, and what its value is when a person must choose it. */
export interface NewSecret {
  name: string;
  /** What goes in it ("Grafana's admin password (e.g. `openssl rand -base64 24`)"); none when its variable is already set up for another purpose. */
  what?: string;
}

/** Secrets one transform declared, and its own step for them when no generated file creates them. */
export interface NewSecrets {
  secrets: readonly NewSecret[];
  /** Reports the step through `ctx`, the context of whichever transform finds the files missing. */
  fallback: (ctx: TransformContext) => void;
}

/** What env-to-secrets leaves for later transforms: its files, written again on request. */
export interface SecretFiles {
  /** Writes the script and workflow again from the project as it is now; the variable each external secret is read from, by name. */
  refresh(ctx: TransformContext): ReadonlyMap<string, string>;
  /** How the user gives a variable its value, for a step: "export it for scripts/create-secrets.sh, …". */
  describe(variable: string): string;
}

const FILES = "swarm-secrets:files";
const PENDING = "swarm-secrets:pending";

/** env-to-secrets registers its files for the transforms that run after it. */
export function offerSecretFiles(ctx: TransformContext, files: SecretFiles): void {
  ctx.state.set(FILES, files);
}

/** env-to-secrets takes the secrets earlier transforms of the run declared (and leaves none behind). */
export function takePending(ctx: TransformContext): NewSecrets[] {
  const pending = (ctx.state.get(PENDING) as NewSecrets[] | undefined) ?? [];
  ctx.state.delete(PENDING);
  return pending;
}

/**
 * The steps for `group` once `variables` (the generated files' variable per secret name) are
 * known: its own fallback when a secret is not among them, else one line per value to choose.
 */
export function handOver(ctx: TransformContext, group: NewSecrets, variables: ReadonlyMap<string, string>, files: Pick<SecretFiles, "describe">): void {
  if (group.secrets.some((s) => !variables.has(s.name))) {
    group.fallback(ctx);
    return;
  }
  for (const s of group.secrets) {
    if (s.what) ctx.manual(`${variables.get(s.name)} holds ${s.what}, for the secret ${s.name}: ${files.describe(variables.get(s.name)!)}`);
  }
}

/**
 * Declares that this transform added `group`'s secrets as external Swarm secrets: env-to-secrets'
 * files create them when it writes them in this run, else the group's fallback step is reported.
 */
export function newSwarmSecrets(ctx: TransformContext, group: NewSecrets): void {
  if (group.secrets.length === 0) return;
  const files = ctx.state.get(FILES) as SecretFiles | undefined;
  if (files) {
    handOver(ctx, group, files.refresh(ctx), files);
    return;
  }
  if (ctx.later.includes("env-to-secrets")) {
    const pending = (ctx.state.get(PENDING) as NewSecrets[] | undefined) ?? [];
    pending.push(group);
    ctx.state.set(PENDING, pending);
    return;
  }
  group.fallback(ctx);
}
