/**
 * swarm-hardening: move Traefik's labels to `deploy.labels`, where Traefik's Swarm provider
 * reads them (service-level `labels:` land on the containers, which it never reads). Each
 * `traefik.*` label moves in the form the target uses (map or `KEY=value` list); other labels
 * stay. A label already in deploy.labels with the same value is only removed from `labels:`;
 * one with a different value is left for a human. Only for stacks Traefik reads as Swarm
 * services (see swarm/traefik-labels). See docs/transforms/traefik-labels.md.
 */
import { z } from "zod";
import type { ComposeDocument } from "../document/compose-document.js";
import { locateService } from "./shared/stack.js";
import { targetOption } from "./shared/target-option.js";
import { isTraefikLabel, labelEntries, isSwarmStack } from "./shared/traefik.js";
import { defineTransform, type TransformContext } from "./types.js";

const options = z.object({
  target: targetOption.describe(
    "How the stack is deployed: `swarm` moves the labels; `compose` leaves them (docker compose's Traefik provider reads container labels); `auto` moves them when the stack's Traefik uses the Swarm provider or the files are a Swarm stack",
  ),
});

/** Move one service's Traefik labels in `doc`; refusals name what was left and why. */
function moveLabels(ctx: TransformContext, doc: ComposeDocument, service: string): void {
  const base = ["services", service];
  const traefik = labelEntries(doc.get([...base, "labels"])).filter((l) => isTraefikLabel(l.key));
  if (traefik.length === 0) return;
  const at = locateService(ctx.project, service);
  if (!ctx.project.isEditable(doc)) {
    ctx.refuse(`services.${service}: Traefik labels not moved: ${doc.filename} may not be edited`, at);
    return;
  }
  // Labels that come from an anchor are the anchor's users' too: moving them for one service is a human's call.
  for (const part of [[...base, "labels"], [...base, "deploy", "labels"]]) {
    const shared = doc.has(part) ? doc.sharedAt(part)[0] : undefined;
    if (shared || (doc.kind(part) === "map" && doc.hasMergeKey(part))) {
      const why = shared ? `it is shared through anchor &${shared.anchor}` : "some of them come from a merge key";
      ctx.refuse(`services.${service}: Traefik labels not moved: ${part.slice(2).join(".")} ${why}; move them by hand`, at);
      return;
    }
  }
  const existing = new Map(labelEntries(doc.get([...base, "deploy", "labels"])).map((l) => [l.key, l.value]));
  const listForm = Array.isArray(doc.get([...base, "deploy", "labels"])) || (!doc.has([...base, "deploy", "labels"]) && Array.isArray(doc.get([...base, "labels"])));
  const moved: string[] = [];
  const conflicts: string[] = [];
  for (const label of traefik) {
    const there = existing.get(label.key);
    if (there !== undefined && there !== label.value) {
      conflicts.push(label.key);
      continue;
    }
    if (there === undefined) {
      if (listForm) doc.append([...base, "deploy", "labels"], `${label.key}=${label.value}`);
      else doc.set([...base, "deploy", "labels", label.key], label.value);
    }
    moved.push(label.key);
  }
  const gone = new Set(moved);
  if (Array.isArray(doc.get([...base, "labels"]))) {
    doc.removeWhere([...base, "labels"], (v) => typeof v === "string" && gone.has(v.split("=")[0].trim()), { prune: true });
  } else {
    for (const key of moved) doc.delete([...base, "labels", key], { prune: true });
  }
  if (moved.length > 0) ctx.change(`services.${service}: ${moved.length} Traefik label${moved.length === 1 ? "" : "s"} moved from labels to deploy.labels, where Traefik's Swarm provider reads them`, at);
  if (conflicts.length > 0) {
    ctx.refuse(`services.${service}: ${conflicts.join(", ")} left under labels: deploy.labels sets ${conflicts.length === 1 ? "it" : "them"} to a different value; keep one`, at);
  }
}

export default defineTransform({
  id: "traefik-labels",
  title: "Traefik labels where Swarm reads them",
  summary: "Moves traefik.* labels from services.<x>.labels to deploy.labels, which Traefik's Swarm provider reads",
  closes: "swarm/traefik-labels",
  options,
  apply(ctx, opts) {
    const swarm = opts.target === "swarm" || (opts.target === "auto" && isSwarmStack(ctx.project));
    if (!swarm) return;
    for (const doc of ctx.project.docs) {
      if (doc.kind(["services"]) !== "map") continue;
      for (const service of doc.services()) moveLabels(ctx, doc, service);
    }
  },
});
