/**
 * A stack as Docker sees it: one or more compose files in `-f` order, read as one merged
 * model, and edited file by file. Transforms ask the project *where* an edit belongs; the
 * project answers with the file that defines the value, and refuses to point at a file the
 * user did not ask compose-gate to change (by default, every file but the last of a
 * multi-file project is shared context, like a base file that dev also uses).
 */
import type { ComposeDocument, Location, Path } from "../document/compose-document.js";
import { mergeValues, type MergeTag } from "./merge.js";

/**
 * A stack deployed on its own next to this one, which a transform may finish (the
 * observability stack: `docker stack deploy -c docker-compose.observability.yml <name>-obs`).
 * It is one compose file, never merged into this project's model.
 */
export type CompanionRole = "observability";

export interface ProjectOptions {
  /** Files compose-gate may edit. Default: the only file, or the last file of several. */
  editable?: ComposeDocument[];
  /** Companion stacks, by role (always editable). */
  companions?: ReadonlyMap<CompanionRole, ComposeDocument>;
}

export type Placement =
  | { ok: true; doc: ComposeDocument; override: boolean }
  | { ok: false; reason: string; definedIn: ComposeDocument };

export class Project {
  readonly docs: readonly ComposeDocument[];
  readonly #editable: Set<ComposeDocument>;
  readonly #companions: Map<CompanionRole, ComposeDocument>;
  #model?: { key: string; value: Record<string, unknown> };

  constructor(docs: ComposeDocument[], options: ProjectOptions = {}) {
    if (docs.length === 0) throw new Error("a project needs at least one compose file");
    this.docs = docs;
    this.#editable = new Set(options.editable ?? [docs[docs.length - 1]]);
    this.#companions = new Map(options.companions ?? []);
  }

  /** The companion stack playing `role`, if the run has one. */
  companion(role: CompanionRole): ComposeDocument | undefined {
    return this.#companions.get(role);
  }

  /** Every companion stack, by role. */
  get companions(): ReadonlyMap<CompanionRole, ComposeDocument> {
    return this.#companions;
  }

  /** Gives the project a companion stack it did not have (the pipeline's `createCompanion`). */
  attachCompanion(role: CompanionRole, doc: ComposeDocument): void {
    if (this.#companions.has(role)) throw new Error(`the project already has a ${role} stack`);
    this.#companions.set(role, doc);
  }

  isEditable(doc: ComposeDocument): boolean {
    return this.#editable.has(doc);
  }

  get editableDocs(): ComposeDocument[] {
    return this.docs.filter((d) => this.#editable.has(d));
  }

  /** The merged model, recomputed whenever a file's text changed. */
  model(): Record<string, unknown> {
    const key = this.docs.map((d) => d.toString()).join("\u0000");
    if (this.#model?.key !== key) {
      let merged: unknown = {};
      for (const doc of this.docs) {
        const tags = new Map<string, MergeTag>(doc.mergeTags().map((t) => [t.path.join("."), t.tag]));
        merged = mergeValues(merged, doc.toJS(), tags);
      }
      this.#model = { key, value: merged as Record<string, unknown> };
    }
    return this.#model.value;
  }

  /** The merged value at `path`. */
  get(path: Path): unknown {
    // One file needs no merge: read it directly instead of rebuilding the model after each edit.
    if (this.docs.length === 1) return this.docs[0].get(path);
    let cur: unknown = this.model();
    for (const k of path) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[String(k)];
    }
    return cur;
  }

  services(): string[] {
    if (this.docs.length === 1) return this.docs[0].services();
    const services = this.model().services;
    return services && typeof services === "object" ? Object.keys(services) : [];
  }

  service(name: string): Record<string, unknown> | undefined {
    const s = this.get(["services", name]);
    return s && typeof s === "object" ? (s as Record<string, unknown>) : undefined;
  }

  /** Files that write something at `path`, in `-f` order. */
  definers(path: Path): ComposeDocument[] {
    return this.docs.filter((d) => d.has(path));
  }

  /** Where the value at `path` is written last (the file Docker takes it from). */
  locate(path: Path): Location | undefined {
    const docs = this.definers(path);
    return docs.length ? docs[docs.length - 1].locate(path) : undefined;
  }

  /**
   * Where an edit that sets `path` belongs: the last editable file that already writes it;
   * otherwise the last editable file, as an override (valid because compose merges it), unless
   * a later, non-editable file would override the edit again.
   */
  placeSet(path: Path): Placement {
    const definers = this.definers(path);
    const lastDefiner = definers[definers.length - 1];
    if (lastDefiner && this.isEditable(lastDefiner)) return { ok: true, doc: lastDefiner, override: false };
    const target = this.editableDocs[this.editableDocs.length - 1];
    if (!target) return { ok: false, reason: "no file of this project may be edited", definedIn: lastDefiner ?? this.docs[0] };
    if (lastDefiner && this.docs.indexOf(lastDefiner) > this.docs.indexOf(target)) {
      return { ok: false, reason: `${lastDefiner.filename} is merged after ${target.filename} and would override the change`, definedIn: lastDefiner };
    }
    return { ok: true, doc: target, override: lastDefiner !== undefined || !target.has(path.slice(0, 2)) };
  }

  /**
   * Where an edit that removes `path` belongs. Removal cannot be expressed as an override
   * that `docker stack deploy` honours, so every file that writes the value must be editable.
   */
  placeDelete(path: Path): { ok: true; docs: ComposeDocument[] } | { ok: false; reason: string; definedIn: ComposeDocument } {
    const definers = this.definers(path);
    const locked = definers.find((d) => !this.isEditable(d));
    if (locked) {
      return {
        ok: false,
        reason: `${path.join(".")} is defined in ${locked.filename}, which compose-gate was not asked to change`,
        definedIn: locked,
      };
    }
    return { ok: true, docs: definers };
  }
}
