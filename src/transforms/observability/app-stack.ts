/**
 * The app stack's side: the shared network declared (the app stack owns it), and the services
 * the observability stack must reach put on it — the exporters, found by image, and Traefik
 * when Grafana is to be published through it. The scrape targets follow from the exporters.
 */
import type { ComposeDocument } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";
import { imageBaseName, parseImage, serviceImage } from "../../image/reference.js";
import type { Project } from "../../project/project.js";
import { isNodeExporterImage } from "../node-exporter/service.js";
import { isPostgresExporterImage } from "../postgres-exporter/image.js";
import type { TransformContext } from "../types.js";
import { NODE_EXPORTER_PORT, POSTGRES_EXPORTER_PORT, type ScrapeTarget } from "./configs/scrape-targets.js";
import { allowsNetworkName, declareInApp } from "./shared-network.js";
import { joinNetwork, type Target } from "../shared/stack.js";

export interface AppSide {
  /** The app stack's key for the shared network, when it could be declared. */
  network?: string;
  targets: ScrapeTarget[];
}

function exporters(project: Project, target: Target, jobs: { node: string; postgres: string }): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  const global = (s: string) => (project.service(s)?.deploy as Record<string, unknown> | undefined)?.mode === "global";
  for (const service of project.services()) {
    const image = serviceImage(project.service(service));
    if (!image) continue;
    if (isNodeExporterImage(image)) out.push({ job: jobs.node, service, port: NODE_EXPORTER_PORT, perTask: target === "swarm" && global(service) });
    else if (isPostgresExporterImage(image)) out.push({ job: jobs.postgres, service, port: POSTGRES_EXPORTER_PORT, perTask: false });
  }
  // Two exporters of one kind would share a job name: number them, the first keeps the name.
  const seen = new Map<string, number>();
  return out.map((t) => {
    const n = (seen.get(t.job) ?? 0) + 1;
    seen.set(t.job, n);
    return n === 1 ? t : { ...t, job: `${t.job}-${n}` };
  });
}

function isTraefik(project: Project, service: string): boolean {
  const image = serviceImage(project.service(service));
  return image !== undefined && imageBaseName(parseImage(image)) === "traefik";
}

/** The file an edit of `service`'s networks belongs in, or why there is none. */
function placeFor(project: Project, service: string): ComposeDocument | string {
  const placed = project.placeSet(["services", service, "networks"]);
  return placed.ok ? placed.doc : placed.reason;
}

export function wireAppStack(ctx: TransformContext, o: { network: string; target: Target; jobs: { node: string; postgres: string } }): AppSide {
  const project = ctx.project;
  const targets = exporters(project, o.target, o.jobs);
  const joiners = [...targets.map((t) => t.service), ...project.services().filter((s) => isTraefik(project, s))];
  if (joiners.length === 0) return { targets };
  const doc = project.editableDocs[project.editableDocs.length - 1];
  if (!doc) {
    ctx.refuse(`no file of the app stack may be edited: ${joiners.join(", ")} cannot join the network ${o.network}`);
    return { targets };
  }
  if (!allowsNetworkName(doc)) {
    ctx.refuse(
      `${doc.filename} declares version "${String(doc.get(["version"]))}", which predates network names (3.5): ${joiners.join(", ")} cannot join the network ${o.network}; ` +
        `raise the version to "3.8" or remove the key, then run again`,
      { location: doc.locate(["version"]) },
    );
    return { targets };
  }
  const declared = declareInApp(project, doc, o.network, o.target);
  if (declared.added) ctx.change(`${doc.filename}: declared the network ${o.network} (the app stack owns it; the observability stack joins it)`, { location: doc.locate(["networks", o.network]) });
  for (const service of joiners) {
    const at = doc.locate(["services", service]);
    const place = placeFor(project, service);
    if (typeof place === "string") {
      ctx.refuse(`${service}: not added to the network ${o.network}: ${place}`, { ...(at ? { location: at } : {}), service });
      continue;
    }
    try {
      // An exporter needs no other network; Traefik keeps the ones it serves.
      if (joinNetwork(place, service, declared.key, isTraefik(project, service))) {
        ctx.change(`${service}: joins the network ${o.network}${isTraefik(project, service) ? " to reach Grafana" : " so the observability stack scrapes it"}`, { ...(at ? { location: at } : {}), service });
      }
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      ctx.refuse(`${service}: not added to the network ${o.network}: ${error.message}`, { ...(at ? { location: at } : {}), service });
    }
  }
  return { network: declared.key, targets };
}
