/**
 * Gate item 4, second half: "auto-resize via GitHub Actions workflow". Writes a workflow that
 * measures every Hetzner Cloud Volume holding the stack's data and grows the full ones through
 * the Hetzner Cloud API, and the script it runs. The compose files are not edited. A stack
 * with no data on a Hetzner volume gets no workflow, and is told where its data lives instead.
 * See docs/transforms/volume-autoresize.md.
 */
import path from "node:path";
import { rootDiskData, suggestedBind } from "../project/data-placement.js";
import { growsVolume } from "../project/resize-workflows.js";
import { defineTransform, type TransformContext } from "./types.js";
import { options, type Options } from "./volume-autoresize/options.js";
import { RESIZE_SCRIPT } from "./volume-autoresize/script.js";
import { secretSteps, serverStep } from "./volume-autoresize/steps.js";
import { describeTarget, watchedVolumes, type Target } from "./volume-autoresize/targets.js";
import { DISPATCH_EVENT, resizeWorkflow } from "./volume-autoresize/workflow-file.js";

/** A path relative to the stack's folder, as seen from the repository root. */
function fromRepository(ctx: TransformContext, file: string): string {
  return ctx.stackFolder ? path.posix.join(ctx.stackFolder, file) : file;
}

/** Where each stateful service keeps data on the root disk, with the bind mount that moves it. */
function placementSteps(ctx: TransformContext): void {
  for (const data of rootDiskData(ctx.project)) {
    const where = data.volume ? `the named volume ${data.volume}` : "an anonymous volume";
    ctx.manual(
      `${data.service} (${data.kind}) keeps ${data.target} in ${where}, on the server's root disk, which the volume alerts and the auto-resize do not watch: ` +
        `stop it, copy the data onto a Hetzner Cloud Volume, and mount it from there (- ${suggestedBind(ctx.project, data)}) — see gate/volume-placement`,
      { service: data.service },
    );
  }
}

/** An existing workflow at the path that leaves volumes out: the CLI keeps it, so say which. */
function staleWorkflow(ctx: TransformContext, o: Options, targets: Target[], content: string): void {
  const existing = ctx.readFile(o.workflow, "repository");
  if (existing === undefined || existing === content) return;
  const missing = targets.filter((t) => !(t.id ? growsVolume(existing, t.id) : existing.includes(`${t.key}=`)));
  if (missing.length === 0) return;
  ctx.refuse(
    `${o.workflow} exists and does not grow volume${missing.length > 1 ? "s" : ""} ${missing.map((t) => t.key).join(", ")}: ` +
      `move it away and run again to have it generated, or add ${missing.map((t) => `${t.key}=${t.mount}`).join(" ")} to the script's arguments in it`,
  );
}

export default defineTransform({
  id: "volume-autoresize",
  title: "Volume auto-resize workflow",
  summary: "Write a GitHub Actions workflow that grows the Hetzner Cloud Volumes holding the stack's data before they fill up",
  closes: "gate/volume-autoresize",
  options,
  apply(ctx, o) {
    const { targets, refused } = watchedVolumes(ctx.project, o);
    for (const reason of refused) ctx.refuse(reason);
    if (targets.length === 0) {
      ctx.refuse(
        "no resize workflow written: no service keeps data on a Hetzner Cloud Volume (a writable bind mount under /mnt/HC_Volume_<id>), and option volumes names none",
      );
      placementSteps(ctx);
      return;
    }
    const script = fromRepository(ctx, o.script);
    const content = resizeWorkflow({ stackFile: fromRepository(ctx, path.posix.basename(ctx.project.docs[0].filename)), script, targets, options: o });
    ctx.addFile({ path: o.script, content: RESIZE_SCRIPT, mode: 0o755, description: "volume auto-resize script" });
    ctx.addFile({ path: o.workflow, base: "repository", content, description: "volume auto-resize workflow" });
    // Files already as they would be written are no change to report (a second run is quiet).
    if (ctx.readFile(o.workflow, "repository") !== content) {
      ctx.change(
        `wrote ${o.workflow}: grows volume${targets.length > 1 ? "s" : ""} ${targets.map(describeTarget).join(", ")} by max(+20 %, +10 GB) when more than ` +
          `${o.thresholdPercent} % is used, up to ${o.maxSizeGb} GB, at most once per ${o.cooldownMinutes} min; runs on schedule "${o.schedule}", by hand, ` +
          `and on repository_dispatch "${DISPATCH_EVENT}"`,
      );
    }
    if (ctx.readFile(o.script) !== RESIZE_SCRIPT) {
      ctx.change(`wrote ${o.script}: measures each volume over SSH, resizes it through the Hetzner Cloud API and grows its ext4 or xfs filesystem online`);
    }
    staleWorkflow(ctx, o, targets, content);
    secretSteps(ctx, o.environment, targets);
    serverStep(ctx, targets);
    placementSteps(ctx);
  },
});
