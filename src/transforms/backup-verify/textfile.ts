/**
 * The freshness and restore-test metrics reach Prometheus through node_exporter's textfile
 * collector: `--collector.textfile.directory` pointed at the shared volume, mounted read-only
 * (node_exporter README, "Textfile Collector"). A node_exporter already in the stack, or in its
 * observability companion, is given the flag and the mount; one that reads textfiles from
 * another directory is left to a human. With no exporter at all, the node-exporter transform
 * adds one that reads the volume (it looks for the volume's declaration).
 */
import type { ComposeDocument, Location } from "../../document/compose-document.js";
import { serviceImage } from "../../image/reference.js";
import { isNodeExporterImage, TEXTFILE_DIR, TEXTFILE_FLAG, TEXTFILE_MOUNT, TEXTFILE_VOLUME } from "../node-exporter/service.js";
import { locateService } from "../shared/stack.js";
import type { TransformContext } from "../types.js";

const FLAG = "--collector.textfile.directory";

interface Exporter {
  service: string;
  /** The file an edit of `key` of the service goes into: the last that writes it, else the last that writes the service. */
  docFor(key: string): ComposeDocument;
  /** The service as its files merge it. */
  def: Record<string, unknown>;
  /** Where to report it. */
  at: { location?: Location; service: string };
  /** Why it may not be edited, if so. */
  locked?: string;
  /** Set for an exporter of the companion stack, which declares the volume itself. */
  companion?: ComposeDocument;
}

/** node_exporter services of the stack, then of the observability companion (one file). */
function exporters(ctx: TransformContext): Exporter[] {
  const out: Exporter[] = [];
  const project = ctx.project;
  for (const service of project.services()) {
    const def = project.service(service) ?? {};
    const image = serviceImage(def);
    if (!image || !isNodeExporterImage(image)) continue;
    const docFor = (key: string) => {
      const docs = project.definers(["services", service, key]);
      const all = docs.length > 0 ? docs : project.definers(["services", service]);
      return all[all.length - 1];
    };
    const locked = ["command", "volumes"].map(docFor).find((d) => !project.isEditable(d));
    out.push({ service, docFor, def, at: locateService(project, service), ...(locked ? { locked: `${locked.filename} may not be edited` } : {}) });
  }
  const companion = project.companion("observability");
  for (const service of companion?.services() ?? []) {
    const def = (companion!.get(["services", service]) ?? {}) as Record<string, unknown>;
    const image = serviceImage(def);
    if (image && isNodeExporterImage(image)) out.push({ service, docFor: () => companion!, def, at: { location: companion!.locate(["services", service]), service }, companion });
  }
  return out;
}

function textfileDir(command: unknown[]): string | undefined {
  for (let i = 0; i < command.length; i++) {
    const arg = String(command[i]);
    if (arg.startsWith(`${FLAG}=`)) return arg.slice(FLAG.length + 1);
    if (arg === FLAG) return String(command[i + 1] ?? "");
  }
  return undefined;
}

function mountsVolume(volumes: unknown): boolean {
  if (!Array.isArray(volumes)) return false;
  return volumes.some((v) =>
    typeof v === "string" ? v.split(":")[0] === TEXTFILE_VOLUME : typeof v === "object" && v !== null && (v as { source?: unknown }).source === TEXTFILE_VOLUME,
  );
}

/** What one exporter still needs, or why compose-gate cannot give it. */
function plan(e: Exporter): { flag: boolean; mount: boolean } | { reason: string } {
  const command = e.def.command;
  if (command !== undefined && !Array.isArray(command)) return { reason: "its command is one string; add the flag to it by hand" };
  const dir = textfileDir((command as unknown[] | undefined) ?? []);
  if (dir !== undefined && dir !== TEXTFILE_DIR) return { reason: `it already reads textfiles from ${dir}; mount volume ${TEXTFILE_VOLUME} there instead` };
  const needs = { flag: dir === undefined, mount: !mountsVolume(e.def.volumes) };
  if ((needs.flag || needs.mount) && e.locked) return { reason: e.locked };
  return needs;
}

/** Appends to the list at `key` of the service, or starts it. */
function addTo(e: Exporter, key: string, item: string): void {
  const doc = e.docFor(key);
  const path = ["services", e.service, key];
  if (doc.has(path)) doc.append(path, item);
  else doc.set(path, [item]);
}

/**
 * Makes every node_exporter read the textfile volume. Returns false when there is none to make
 * read it (a manual step says what to do).
 */
export function ensureTextfileCollector(ctx: TransformContext): boolean {
  const found = exporters(ctx);
  for (const e of found) {
    const p = plan(e);
    if ("reason" in p) {
      ctx.refuse(`${e.service} (node_exporter) does not read the backup metrics: ${p.reason}`, e.at);
      ctx.manual(`make ${e.service} read the backup metrics: run it with ${TEXTFILE_FLAG} and mount ${TEXTFILE_MOUNT}`, e.at);
      continue;
    }
    if (!p.flag && !p.mount) continue;
    if (p.flag) addTo(e, "command", TEXTFILE_FLAG);
    if (p.mount) {
      addTo(e, "volumes", TEXTFILE_MOUNT);
      // The stack's own declaration is written with the services; a companion stack needs its own.
      if (e.companion && !e.companion.has(["volumes", TEXTFILE_VOLUME])) e.companion.set(["volumes", TEXTFILE_VOLUME], { name: TEXTFILE_VOLUME });
    }
    const what = [p.flag ? TEXTFILE_FLAG : "", p.mount ? `volume ${TEXTFILE_MOUNT}` : ""].filter(Boolean).join(" and ");
    ctx.change(`${e.service} (node_exporter) reads the backup metrics: ${what}`, e.at);
  }
  return found.length > 0;
}
