/**
 * What every part of the observability transform works with — the companion stack being
 * finished, the options, where the generated files go — and the two moves they all make: add a
 * service, and grant a generated file to a service (writing the file only when the grant is new,
 * so a second run writes nothing).
 */
import type { ComposeDocument } from "../../document/compose-document.js";
import type { Target } from "../shared/stack.js";
import type { TransformContext } from "../types.js";
import type { Component } from "./components.js";
import type { files } from "./names.js";
import { RESOURCES } from "./resources.js";
import { grantConfig, limitResources } from "./service-edits.js";
import type { ObservabilityOptions } from "./options.js";

export interface Run {
  ctx: TransformContext;
  o: ObservabilityOptions;
  /** The observability stack's compose file. */
  doc: ComposeDocument;
  target: Target;
  /** The metrics store: the one the spec runs, else the option's. */
  store: "prometheus" | "mimir";
  files: ReturnType<typeof files>;
  /** Networks new services join inside the observability stack (`[]`: its default network). */
  internal: string[];
  /** The observability stack's key for the network shared with the app stack. */
  shared: string;
  /** The service name of each component, existing or added. */
  names: Map<Component | "alloy-metrics", string>;
}

const at = (run: Run, service: string) => {
  const location = run.doc.locate(["services", service]);
  return location ? { location, service } : { service };
};

/** The networks a new service joins: the stack's own, plus the shared one when it must reach the app stack. */
export function networksFor(run: Run, shared: boolean): string[] | undefined {
  const own = run.internal.length > 0 ? run.internal : shared ? ["default"] : [];
  const all = shared ? [...own, run.shared] : own;
  return all.length > 0 ? all : undefined;
}

export function addService(run: Run, name: string, def: Record<string, unknown>, what: string): void {
  const restart = run.target === "compose" ? { restart: "unless-stopped" } : {};
  // Keys left undefined (no networks to join, no deploy settings) are not written.
  const written = Object.fromEntries(Object.entries({ ...def, ...restart }).filter(([, v]) => v !== undefined));
  run.doc.set(["services", name], written);
  run.ctx.change(`${run.doc.filename}: added ${name} (${String(def.image)}): ${what}`, at(run, name));
}

/** Grants a generated file at `target`; writes it when the grant is new. */
export function grantFile(run: Run, service: string, g: { key: string; file: string; target: string; content: string; description: string }): boolean {
  if (!grantConfig(run.doc, service, g)) return false;
  run.ctx.addFile({ path: g.file, content: g.content, description: g.description });
  return true;
}

export function limit(run: Run, service: string, component: keyof typeof RESOURCES): void {
  if (limitResources(run.doc, service, RESOURCES[component])) {
    const r = RESOURCES[component];
    run.ctx.change(`${service}: resource limits ${r.limits.cpus} CPU / ${r.limits.memory}, reservation ${r.reservations.memory}`, at(run, service));
  }
}

export function changed(run: Run, service: string, message: string): void {
  run.ctx.change(`${service}: ${message}`, at(run, service));
}

export function refused(run: Run, service: string, message: string): void {
  run.ctx.refuse(`${service}: ${message}`, at(run, service));
}

/** Declares a named volume of the stack (an empty map: Docker's defaults, the local driver). */
export function declareVolume(run: Run, name: string): void {
  if (!run.doc.has(["volumes", name])) run.doc.set(["volumes", name], {});
}

/** A Docker secret declaration: created with `docker secret create` (Swarm) or a file (compose). */
export function secretDeclaration(run: Run, name: string): Record<string, unknown> {
  return run.target === "swarm" ? { external: true } : { file: `./secrets/${name}` };
}
