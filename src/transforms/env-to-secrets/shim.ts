/**
 * Entrypoint shims, applied: for a service whose image reads no `*_FILE` variable but is known
 * (src/secrets/file-capable.ts, with sources) to have `/bin/sh` and a known start, the secret
 * variables leave `environment:`, the service is granted their secrets, and its `entrypoint`
 * becomes a shim that reads them from /run/secrets, exports them and `exec`s what the image
 * would have run: the image's entrypoint followed by the service's `command:` (kept as it is) or,
 * when it has none, the image's own command, written out as `command:`. A service that sets its
 * own entrypoint keeps it: the shim `exec`s that instead. A second run extends a shim it wrote.
 *
 * A service is shimmed only where every edit stays inside it: entries written under an anchor or
 * merged from one, set in two files, or in a file compose-gate may not edit, stay where they are.
 */
import type { ComposeDocument, Path } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import { knownWithoutFile, type ImageWithoutFile } from "../../secrets/file-capable.js";
import { listToMap } from "../../project/merge.js";
import { declaration, isDeclared, planGrant, type GrantPlan, type Target } from "./grants.js";
import type { TransformContext } from "../types.js";
import { joinWords, type Leftover } from "./manual.js";
import { addDropped, at, type RunLog } from "./run-log.js";
import { ownShimScript } from "../../secrets/shim-format.js";
import { extendShim, renderShim, shimBody, shimEntrypoint, type ShimExport } from "./shim-script.js";
import { shimValue, type SecretNames, type ShimSource } from "./shim-values.js";

export interface ShimSettings {
  target: Target;
  version: number;
  secretsDir: string;
}

/** One environment entry the shim takes over. */
export interface ShimmedItem {
  item: Leftover;
  export: ShimExport;
  sources: ShimSource[];
}

export type ShimPlan =
  | {
      kind: "shim";
      service: string;
      doc: ComposeDocument;
      items: ShimmedItem[];
      /** What the shim `exec`s: the image's or the service's entrypoint, then the command. */
      /** The words the shim `exec`s before its arguments, and the command it adds when the service had none. */
      runs: { execWords: readonly string[]; addCommand: readonly string[] | undefined };
      image: ImageWithoutFile;
      /** The shim's lines that read the secrets and export the variables, as compose text. */
      body: string[];
      apply(): void;
    }
  /** No shim; `reason` (when set) says why, for the service's manual step. */
  | { kind: "none"; reason?: string };

/** `$` doubled: an image's literal words written into the compose file. */
const composeText = (s: string) => s.replace(/\$/g, "$$$$");

/** Why this entry cannot leave `environment:` by itself, if it cannot. */
function placementProblem(project: Project, item: Leftover): string | undefined {
  const use = item.use;
  if (use.entry.sharedVia) return `${use.entry.name} is shared through anchor &${use.entry.sharedVia}`;
  const envPath = use.entry.path.slice(0, -1);
  if (use.doc.anchorsAt(envPath).length > 0 || use.doc.hasMergeKey(envPath)) return `its environment is shared through an anchor`;
  if (use.definitions.length > 1) return `${use.entry.name} is set in ${use.definitions.length} files`;
  if (!project.isEditable(use.doc)) return `${use.entry.name} is written in ${use.doc.filename}, which compose-gate may not edit`;
  return undefined;
}

/** What the service runs today, as the shim must run it, or why that is not known. */
function startOf(project: Project, doc: ComposeDocument, service: string, image: ImageWithoutFile): Start | { reason: string } {
  const def = project.service(service) ?? {};
  if (project.definers(["services", service, "entrypoint"]).some((d) => d !== doc)) return { reason: "its entrypoint is set in another file" };
  const own = ownShimScript(def.entrypoint);
  if (own !== undefined) return { own };
  // A command the service has is kept as it is (one string or a list: compose splits a string itself).
  const hasCommand = def.command !== undefined && def.command !== null;
  if (def.entrypoint !== undefined && def.entrypoint !== null) {
    if (!Array.isArray(def.entrypoint)) return { reason: "it sets its own entrypoint as one string" };
    // Compose ignores the image's CMD once `entrypoint` is set: the service runs its entrypoint and command only.
    return { execWords: def.entrypoint.map(String), addCommand: undefined };
  }
  if (!image.start) return { reason: "what its image starts is not known" };
  return { execWords: image.start.entrypoint.map(composeText), addCommand: hasCommand ? undefined : image.start.cmd.map(composeText) };
}

type Start =
  /** A shim of ours already wraps the start: it is extended. */
  | { own: string }
  /** The shim `exec`s these words, then its arguments: the service's command, or `addCommand` written as one (compose text). */
  | { execWords: readonly string[]; addCommand: readonly string[] | undefined };

/**
 * The shim for `service`'s leftovers, when its image qualifies and its entries can move. Items
 * that cannot move (shared, optional…) stay leftovers; the plan lists only those it takes.
 */
export function planShim(
  project: Project,
  service: string,
  items: readonly Leftover[],
  names: SecretNames,
  settings: ShimSettings & { shims: "known" | "off" },
): ShimPlan {
  const def = project.service(service);
  const image = typeof def?.image === "string" ? def.image : undefined;
  const known = image && def?.build === undefined ? knownWithoutFile(image) : undefined;
  if (!known || known.shell !== "yes") return { kind: "none" };
  if (settings.shims === "off") return { kind: "none", reason: "option shims is off" };
  const movable = items.filter((i) => !(i.kind === "secret" && i.reason) && placementProblem(project, i) === undefined);
  if (movable.length === 0) {
    const problem = items.map((i) => placementProblem(project, i)).find(Boolean);
    return { kind: "none", ...(problem ? { reason: problem } : {}) };
  }
  const doc = movable[0].use.doc;
  const start = startOf(project, doc, service, known);
  if ("reason" in start) return { kind: "none", reason: start.reason };

  const taken: ShimmedItem[] = [];
  for (const item of movable) {
    if (item.use.doc !== doc) continue;
    const value = shimValue(item.use, names);
    if (!value.ok) continue;
    // A value that held text written in the file (a literal, a default) is not repeated in the comment.
    const written = value.sources.some((s) => s.dropped);
    const was = written ? {} : { was: item.use.entry.value ?? `\${${item.use.entry.name}}` };
    taken.push({ item, export: { name: item.use.entry.name, parts: value.parts, ...was }, sources: value.sources });
  }
  if (taken.length === 0) return { kind: "none" };

  const secrets = [...new Set(taken.flatMap((t) => t.sources.map((s) => s.secret)))];
  const grants: GrantPlan[] = secrets.map((s) => planGrant(project, doc, service, s, new Set([service])));
  const refused = grants.find((g) => g.kind === "refuse");
  if (refused?.kind === "refuse") return { kind: "none", reason: refused.reason };
  const mounts = new Map(secrets.map((s, i) => [s, (grants[i] as Exclude<GrantPlan, { kind: "refuse" }>).mount]));
  const env = new Set(Object.keys(listToMap(def?.environment)));
  const exports = taken.map((t) => t.export);
  const reserved = new Set([...env, ...exports.map((e) => e.name)]);

  const runs = "own" in start ? { execWords: [], addCommand: undefined } : start;
  const body = shimBody({ exports, mounts, reserved });
  return {
    kind: "shim",
    service,
    doc,
    items: taken,
    runs,
    image: known,
    body,
    apply() {
      // One grant at a time: a plan that creates the secrets list must see the entries added before it.
      for (const secret of secrets) {
        const grant = planGrant(project, doc, service, secret, new Set([service]));
        if (grant.kind === "edit") grant.apply();
      }
      for (const secret of secrets) {
        if (!isDeclared(project, secret)) doc.set(["secrets", secret], declaration(settings.target, secret, settings.version, settings.secretsDir));
      }
      const servicePath: Path = ["services", service];
      if ("own" in start) {
        doc.set([...servicePath, "entrypoint", 2], extendShim(start.own, body));
      } else {
        doc.set([...servicePath, "entrypoint"], shimEntrypoint(renderShim({ exports, mounts, execWords: runs.execWords, reserved })), { after: "image" });
        if (runs.addCommand) doc.set([...servicePath, "command"], [...runs.addCommand], { after: "entrypoint" });
      }
      for (const t of taken) doc.deleteEnv(service, t.item.use.entry.name);
    },
  };
}


/**
 * Shim every service whose image qualifies, taking its entries out of the run's leftovers; the
 * secrets and the values that left the file are logged for the script and the steps.
 */
export function applyShims(ctx: TransformContext, names: SecretNames, options: ShimSettings & { shims: "known" | "off" }, log: RunLog): void {
  for (const [service, items] of [...log.leftovers]) {
    const plan = planShim(ctx.project, service, items, names, options);
    if (plan.kind === "none") {
      if (plan.reason) log.shimReasons.set(service, plan.reason);
      continue;
    }
    plan.apply();
    log.edited = true;
    const taken = new Set(plan.items.map((t) => t.item));
    const rest = items.filter((i) => !taken.has(i));
    if (rest.length > 0) log.leftovers.set(service, rest);
    else log.leftovers.delete(service);
    reportShim(ctx, plan, log);
  }
}

function reportShim(ctx: TransformContext, plan: Extract<ShimPlan, { kind: "shim" }>, log: RunLog): void {
  for (const { item, sources } of plan.items) {
    const secrets = joinWords([...new Set(sources.map((s) => s.secret))]);
    ctx.change(`services.${plan.service}: ${item.use.entry.name} → read from secret ${secrets} by the entrypoint shim`, at(item.use));
    for (const source of sources) {
      log.variables.set(source.secret, source.variable);
      if (source.dropped) {
        const identity = source.dropped.kind === "literal" ? `literal:${source.dropped.text}` : `variable:${source.variable}`;
        addDropped(log, identity, { ...source.dropped, now: { secret: source.secret } }, [item.use]);
      }
    }
  }
  const start = plan.image.start;
  const location = plan.doc.locate(["services", plan.service]);
  const where = { ...(location ? { location } : {}), service: plan.service };
  if (plan.runs.addCommand) {
    ctx.change(`services.${plan.service}: entrypoint /bin/sh shim, then the image's own command (${plan.image.start!.cmd.join(" ")}) written as command:`, where);
  } else {
    ctx.change(`services.${plan.service}: entrypoint /bin/sh shim, then ${plan.runs.execWords.length > 0 ? plan.runs.execWords.join(" ") + " with " : ""}its command`, where);
  }
  if (start && plan.runs.addCommand) {
    const image = String(ctx.project.service(plan.service)?.image);
    const runs = [...start.entrypoint, ...start.cmd].join(" ");
    ctx.manual(
      `services.${plan.service}: the shim ends by running ${runs}, the start ${start.source.split(" ")[0]}'s Dockerfile gives the image; on another tag, check it with docker image inspect --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' ${image}`,
      where,
    );
  }
  const oneOff = plan.image.oneOff;
  if (oneOff?.length) {
    // The same lines the shim runs, for a shell on the user's side: compose's `$$` is the shell's `$`.
    const lines = ["set -e", ...plan.body.map((l) => l.replace(/ # was .*$/, "").replace(/\$\$/g, "$")), oneOff[0]].join("; ");
    ctx.manual(
      `services.${plan.service}: docker exec does not go through the shim, so ${joinWords(oneOff)} run by hand need its exports first: docker exec <container> /bin/sh -c '${lines.replace(/'/g, `'\\''`)}'`,
      where,
    );
  }
}
