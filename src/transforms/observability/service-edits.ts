/**
 * The edits that finish one service of a stack file, each a no-op when its result is already
 * there (which is what makes a second run change nothing): a config file granted at a path, a
 * secret granted, a command-line flag, networks joined, resource limits. They speak the
 * document vocabulary only, so every byte they do not touch stays as written.
 */
import path from "node:path";
import type { ComposeDocument } from "../../document/compose-document.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A file granted to a service as a Swarm config (under compose, a bind mount of the same file). */
export interface ConfigGrant {
  /** Top-level `configs:` key. */
  key: string;
  /** The file, relative to the stack's folder (what `ctx.addFile` is given). */
  file: string;
  /** Where the service reads it. */
  target: string;
}

/** `file`, relative to the folder of `doc` (the stack's folder when both are there). */
export function relativeTo(doc: ComposeDocument, file: string): string {
  const from = path.posix.dirname(doc.filename.replace(/\\/g, "/"));
  const rel = path.posix.relative(from === "." ? "" : from, file);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** The targets a service reads configs at (long syntax), or `/<key>` for the short one. */
export function configTargets(doc: ComposeDocument, service: string): Map<string, string> {
  const out = new Map<string, string>();
  const list = doc.get(["services", service, "configs"]);
  if (!Array.isArray(list)) return out;
  for (const c of list) {
    if (typeof c === "string") out.set(`/${c}`, c);
    else if (isObject(c) && typeof c.source === "string") out.set(typeof c.target === "string" ? c.target : `/${c.source}`, c.source);
  }
  return out;
}

/** Grants `grant` to `service`; false when it already reads a config at that target. */
export function grantConfig(doc: ComposeDocument, service: string, grant: ConfigGrant): boolean {
  if (configTargets(doc, service).has(grant.target)) return false;
  if (!doc.has(["configs", grant.key])) doc.set(["configs", grant.key], { file: relativeTo(doc, grant.file) });
  doc.append(["services", service, "configs"], { source: grant.key, target: grant.target });
  return true;
}

/** Grants the secret `name` (declared as `declaration` when new); false when already granted. */
export function grantSecret(doc: ComposeDocument, service: string, name: string, declaration: Record<string, unknown>): boolean {
  const list = doc.get(["services", service, "secrets"]);
  const granted = Array.isArray(list) && list.some((s) => s === name || (isObject(s) && s.source === name));
  if (!doc.has(["secrets", name])) doc.set(["secrets", name], declaration);
  if (granted) return false;
  doc.append(["services", service, "secrets"], name);
  return true;
}

/** The service's command as a list of arguments, or undefined when it is a string or absent. */
export function commandArgs(doc: ComposeDocument, service: string): string[] | undefined {
  const command = doc.get(["services", service, "command"]);
  return Array.isArray(command) ? command.map(String) : undefined;
}

/** The value a `-flag=value` / `--flag=value` argument gives, in list or string form. */
export function flagValue(doc: ComposeDocument, service: string, flag: string): string | undefined {
  const command = doc.get(["services", service, "command"]);
  const args = Array.isArray(command) ? command.map(String) : typeof command === "string" ? command.split(/\s+/) : [];
  const bare = flag.replace(/^-+/, "");
  for (let i = 0; i < args.length; i++) {
    const m = /^-{1,2}([^=]+)(?:=(.*))?$/.exec(args[i]);
    if (m?.[1] !== bare) continue;
    return m[2] ?? args[i + 1];
  }
  return undefined;
}

/** Appends `args` to a list command (creating it when absent); false when a string command makes that unsafe. */
export function appendArgs(doc: ComposeDocument, service: string, args: string[]): boolean {
  const command = doc.get(["services", service, "command"]);
  if (command === undefined || command === null) {
    doc.set(["services", service, "command"], args);
    return true;
  }
  if (!Array.isArray(command)) return false;
  for (const arg of args) doc.append(["services", service, "command"], arg);
  return true;
}

/** The networks a service joins, by key (`[]` = the default network). */
export function networksOf(doc: ComposeDocument, service: string): string[] {
  const networks = doc.get(["services", service, "networks"]);
  if (Array.isArray(networks)) return networks.map(String);
  if (isObject(networks)) return Object.keys(networks);
  return [];
}

export interface Resources {
  limits: { cpus: string; memory: string };
  reservations: { memory: string };
}

/** Resource limits and reservations, unless the service states its own. */
export function limitResources(doc: ComposeDocument, service: string, resources: Resources): boolean {
  if (doc.has(["services", service, "deploy", "resources"])) return false;
  doc.set(["services", service, "deploy", "resources"], resources);
  return true;
}

/** The target of the first named volume a service mounts: where it keeps its data. */
export function dataDir(doc: ComposeDocument, service: string): string | undefined {
  const volumes = doc.get(["services", service, "volumes"]);
  if (!Array.isArray(volumes)) return undefined;
  for (const v of volumes) {
    if (typeof v === "string") {
      const [source, target] = v.split(":");
      if (target && !/^[./~$]/.test(source)) return target;
    } else if (isObject(v) && (v.type ?? "volume") === "volume" && typeof v.target === "string") return v.target;
  }
  return undefined;
}
