/**
 * The contract every transform follows. A transform is declarative data (id, title, a zod
 * options schema whose fields all carry a description and a default) plus one pure `apply`
 * that edits documents through the project's vocabulary and reports what it did.
 */
import type { z } from "zod";
import type { ComposeDocument, Location } from "../document/compose-document.js";
import type { FileBase } from "../project/files.js";
import type { CompanionRole, Project } from "../project/project.js";

export type FindingKind =
  /** Something the transform changed. */
  | "change"
  /** Something it would have changed but did not, and why: it needs attention. */
  | "refusal"
  /**
   * Nothing to change because what the transform does is already in place (an exporter already
   * runs, backups already ship off-site) or does not apply (no Postgres to back up). Not a
   * refusal: a second run over a finished stack reports these, and nothing needs attention.
   */
  | "satisfied"
  /** A step a human must take (create a bucket, set a secret, run a script). */
  | "manual";

export interface Finding {
  transform: string;
  kind: FindingKind;
  message: string;
  location?: Location;
  service?: string;
}

/**
 * What an extra file's path is relative to: the folder of the stack's first compose file
 * (scripts, alert rules), or the root of the repository that holds it (`.github/workflows/…`;
 * the stack's folder when it is in no repository).
 */
export type { FileBase } from "../project/files.js";

/** A file a transform produces besides the compose edits (scripts, alert rules, workflows). */
export interface ExtraFile {
  /** Path relative to `base`, with `/` separators. */
  path: string;
  /** Default `stack`. */
  base?: FileBase;
  content: string;
  /**
   * The content the transform read with `ctx.readFile` and rewrote (a checklist kept current).
   * The file is then replaced, but only while it still holds exactly this text; without it an
   * existing file that differs is never overwritten.
   */
  replaces?: string;
  /** Set when the file is a companion stack this run created (`ctx.createCompanion`). */
  role?: CompanionRole;
  /** File mode for new files, e.g. 0o755 for scripts. */
  mode?: number;
  description: string;
}

export interface TransformContext {
  readonly project: Project;
  change(message: string, at?: { location?: Location; service?: string }): void;
  refuse(message: string, at?: { location?: Location; service?: string }): void;
  /** Nothing to change: already in place or not applicable (not a refusal). */
  satisfied(message: string, at?: { location?: Location; service?: string }): void;
  manual(message: string, at?: { location?: Location; service?: string }): void;
  addFile(file: ExtraFile): void;
  /** Register a literal secret value: no diff, report or file compose-gate prints will show it. */
  secret(value: string): void;
  /**
   * The ids of the transforms that run after this one in the same run, in order: a transform
   * leaves out a manual step a later one takes care of (the exporters' "have Prometheus scrape
   * it" when `observability` follows and configures the scraping).
   */
  readonly later: readonly string[];
  /** State shared by the transforms of one run (e.g. the MinIO hosts being removed). */
  readonly state: Map<string, unknown>;
  /**
   * A file of the project as it is now (path relative to `base`), or undefined when it does not
   * exist or the run was given no way to read files (`RunOptions.readFile`).
   */
  readFile(path: string, base?: FileBase): string | undefined;
  /**
   * Where a compose file of the project (its `filename`) is, relative to the root of the
   * repository that holds the stack, with `/` separators: what a workflow at the repository
   * root names it by (`docker stack deploy -c <this>`).
   */
  repositoryPath(file: string): string;
  /**
   * The stack's folder relative to the repository root, with `/` separators (`deploy`), or ""
   * when the stack sits at the root or in no repository: how a workflow, which runs from the
   * repository root, finds the stack's files and scripts.
   */
  readonly stackFolder: string;
  /**
   * Starts the companion stack for `role` when the run has none (`project.companion(role)`
   * answers otherwise): a new compose file at `path`, relative to the stack's folder, holding
   * `text` until the transform edits it through the document vocabulary like any other file.
   * It is reported as a new extra file, so it is created but never overwrites one.
   */
  createCompanion(role: CompanionRole, path: string, text: string): ComposeDocument;
}

export interface Transform<Options extends z.ZodObject = z.ZodObject> {
  id: string;
  title: string;
  /** One line for `compose-gate list`. */
  summary: string;
  /** Which gate item it closes (`gate/minio`, …), matching the `check` rule ids. */
  closes?: string;
  options: Options;
  apply(ctx: TransformContext, options: z.infer<Options>): void;
}

/** Declare a transform with its option types inferred from its schema. */
export function defineTransform<Options extends z.ZodObject>(transform: Transform<Options>): Transform<Options> {
  return transform;
}
