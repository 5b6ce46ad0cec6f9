/**
 * Converting one occurrence of a secret — one environment entry as written, which several
 * services see when an anchor shares it — into `<NAME>_FILE: /run/secrets/<secret>`, with the
 * secret granted to each of those services and declared at the top level. Everything that
 * could make the conversion unsafe is checked first; a conversion is then done whole.
 */
import { parseCompose } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";
import type { Project } from "../../project/project.js";
import { listToMap } from "../../project/merge.js";
import { fileVariableFor } from "../../secrets/file-capable.js";
import { anchorConflict, blastRadius } from "./anchors.js";
import { joinWords } from "./manual.js";
import type { SecretUse } from "./collect.js";
import { declaration, isDeclared, planGrant, type GrantPlan, type Target } from "./grants.js";

export interface ConvertSettings {
  target: Target;
  version: number;
  secretsDir: string;
  fileCapableImages: readonly string[];
}

export type Outcome =
  | { kind: "converted"; fileVariable: string; mount: string; declared: boolean }
  /**
   * The image(s) cannot read a file: the variable stays, a human decides. `reason` explains it
   * for the services in `reasonFor` when their own image is not the cause (a shared anchor).
   */
  | { kind: "leftover"; reason?: string; reasonFor?: string[] }
  | { kind: "refused"; reason: string }
  /** `${VAR:-}`: optional today; as a secret it would become required, so it is left to a human. */
  | { kind: "optional" };

export function imageOf(project: Project, service: string): string | undefined {
  const image = project.service(service)?.image;
  return typeof image === "string" ? image : undefined;
}

/** The `_FILE` variable every service of the occurrence reads, or why there is none. */
function fileVariableOf(project: Project, uses: SecretUse[], settings: ConvertSettings): { ok: string } | { leftover?: string; reasonFor?: string[] } {
  const vars = uses.map((u) => fileVariableFor(imageOf(project, u.service), u.entry.name, settings.fileCapableImages));
  const distinct = new Set(vars);
  if (distinct.size === 1 && vars[0]) return { ok: vars[0] };
  const capable = uses.filter((_, i) => vars[i]).map((u) => u.service);
  if (vars.every((v) => v)) return { leftover: `the services sharing it read it through different variables (${[...distinct].join(", ")})`, reasonFor: capable };
  if (capable.length > 0 && uses[0].entry.sharedVia) {
    const cannot = uses.filter((_, i) => !vars[i]).map((u) => `services.${u.service}`);
    return { leftover: `it is shared through anchor &${uses[0].entry.sharedVia} with ${joinWords(cannot)}, whose image cannot read a *_FILE variant`, reasonFor: capable };
  }
  return {};
}

function where(use: SecretUse): string {
  const l = use.location;
  return l ? `${l.file}:${l.line}:${l.column}` : use.doc.filename;
}

/** Why the entry cannot be edited where it is written, if it cannot. */
function placementProblem(project: Project, uses: SecretUse[], fileVariable: string): string | undefined {
  const first = uses[0];
  for (const use of uses) {
    if (use.definitions.length > 1) {
      const places = use.definitions.map((d) => (d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : d.doc.filename));
      return `${use.entry.name} is set for services.${use.service} in ${places.join(" and ")}; after converting one, the other would still set it next to ${fileVariable}`;
    }
    const env = listToMap(project.service(use.service)?.environment);
    if (fileVariable in env) {
      return `services.${use.service} sets both ${use.entry.name} and ${fileVariable}; images that read *_FILE refuse to start with both (remove one by hand)`;
    }
  }
  if (!project.isEditable(first.doc)) {
    return `${first.entry.name} is written at ${where(first)}, in a file compose-gate was not asked to change; allow that file to be edited, or move the variable into an editable file`;
  }
  return undefined;
}

/**
 * Renaming a key can bring back a value it was hiding: `other: {<<: *env, PW: x}` still merges
 * `PW` from the anchor once its own `PW` is renamed, and would then set both `PW` and
 * `PW_FILE`. Rename on a copy and check that the variable is really gone.
 */
function renameUnmasks(uses: SecretUse[], fileVariable: string): string | undefined {
  const first = uses[0];
  if (uses.every(renameIsLocal)) return undefined;
  const copy = parseCompose(first.doc.toString(), { filename: first.doc.filename });
  const shared = copy.sharedAt(first.entry.path).length > 0;
  try {
    copy.renameEnv(first.service, first.entry.name, fileVariable, "/run/secrets/probe", shared ? { shared: "anchor" } : {});
  } catch (error) {
    if (error instanceof EditError) return error.message;
    throw error;
  }
  for (const use of uses) {
    const back = copy.getEnv(use.service, use.entry.name);
    if (back) {
      const from = back.sharedVia ? ` through anchor &${back.sharedVia}` : "";
      return `services.${use.service} would still get ${use.entry.name}${from} after the rename, next to ${fileVariable}; convert or remove that one first`;
    }
  }
  return undefined;
}

/**
 * Whether renaming this entry provably changes nothing else, so the trial rename on a copy
 * (a parse of the whole file per secret) can be skipped: the entry is not shared through an
 * anchor, nothing is merged into its environment, and no second entry has the same name.
 * The rename then cannot fail either: the new name was checked to be free.
 */
function renameIsLocal(use: SecretUse): boolean {
  if (use.entry.sharedVia !== undefined) return false;
  const envPath = use.entry.path.slice(0, -1);
  if (use.doc.anchorsAt(envPath).length > 0 || use.doc.hasMergeKey(envPath)) return false;
  return use.doc.env(use.service).filter((e) => e.name === use.entry.name).length === 1;
}

export function convertOccurrence(project: Project, uses: SecretUse[], secret: string, settings: ConvertSettings): Outcome {
  const file = fileVariableOf(project, uses, settings);
  if (!("ok" in file)) return { kind: "leftover", ...(file.leftover ? { reason: file.leftover, reasonFor: file.reasonFor } : {}) };
  const fileVariable = file.ok;
  if (uses[0].value.kind === "reference" && uses[0].value.optional) return { kind: "optional" };
  const problem = placementProblem(project, uses, fileVariable);
  if (problem) return { kind: "refused", reason: problem };

  const first = uses[0];
  const doc = first.doc;
  const services = new Set(uses.map((u) => u.service));
  const conflict = anchorConflict(blastRadius(doc, first.entry.path), services);
  if (conflict) return { kind: "refused", reason: conflict };
  const unmasked = renameUnmasks(uses, fileVariable);
  if (unmasked) return { kind: "refused", reason: unmasked };

  const plans: GrantPlan[] = [...services].map((s) => planGrant(project, doc, s, secret, services));
  const refusal = plans.find((p) => p.kind === "refuse");
  if (refusal?.kind === "refuse") return { kind: "refused", reason: refusal.reason };
  const mounts = new Set(plans.map((p) => (p.kind === "refuse" ? "" : p.mount)));
  if (mounts.size > 1) return { kind: "refused", reason: `the services mount ${secret} at different paths (${[...mounts].join(", ")})` };
  const mount = [...mounts][0];

  for (const plan of plans) if (plan.kind === "edit") plan.apply();
  const declared = !isDeclared(project, secret);
  if (declared) doc.set(["secrets", secret], declaration(settings.target, secret, settings.version, settings.secretsDir));
  const shared = doc.sharedAt(first.entry.path).length > 0;
  doc.renameEnv(first.service, first.entry.name, fileVariable, mount, shared ? { shared: "anchor" } : {});
  return { kind: "converted", fileVariable, mount, declared };
}
