/**
 * References to a removed MinIO that no edit took care of: a URL or `host:port` in an
 * environment value, a command, a label, a healthcheck; `network_mode: service:minio`;
 * `volumes_from: [minio]`. drop-minio reports each with its file:line:col, once per place
 * (an anchored value read by several services is one place).
 */
import type { Key, Location, Path } from "../../document/compose-document.js";
import type { Project } from "../../project/project.js";
import { refersTo, type MinioAddress } from "./address.js";

export interface Leftover {
  services: string[];
  path: string;
  reference: string;
  location?: Location;
}

/** Keys handled by their own edits. */
const HANDLED = new Set(["depends_on", "links"]);

function walk(value: unknown, path: Key[], visit: (text: string, path: Key[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 2 && HANDLED.has(k)) continue;
      walk(v, [...path, k], visit);
    }
  }
}

function structuralReference(text: string, path: Key[], removed: readonly string[]): string | undefined {
  const key = path[2];
  if (key === "network_mode" && removed.some((r) => text === `service:${r}`)) return text;
  if (key === "volumes_from" && removed.some((r) => text.split(":")[0] === r)) return text;
  return undefined;
}

export function findLeftovers(project: Project, address: MinioAddress, removed: readonly string[]): Leftover[] {
  const byPlace = new Map<string, Leftover>();
  for (const doc of project.docs) {
    for (const service of doc.services()) {
      if (removed.includes(service)) continue;
      walk(doc.get(["services", service]), ["services", service], (text, path) => {
        const reference = structuralReference(text, path, removed) ?? refersTo(text, address);
        if (!reference) return;
        const location = doc.locate(path as Path);
        const place = location ? `${location.file}:${location.line}:${location.column}` : `${doc.filename}:${path.join(".")}`;
        const seen = byPlace.get(place);
        if (seen) {
          if (!seen.services.includes(service)) seen.services.push(service);
          return;
        }
        byPlace.set(place, { services: [service], path: path.slice(2).join("."), reference, ...(location ? { location } : {}) });
      });
    }
  }
  return [...byPlace.values()];
}
