/**
 * The contract every transform follows. A transform is declarative data (id, title, a zod
 * options schema whose fields all carry a description and a default) plus one pure `apply`
 * that edits documents through the project's vocabulary and reports what it did.
 */
import type { z } from "zod";
import type { Location } from "../document/compose-document.js";
import type { Project } from "../project/project.js";

export type FindingKind =
  /** Something the transform changed. */
  | "change"
  /** Something it would have changed but did not, and why. */
  | "refusal"
  /** A step a human must take (create a bucket, set a secret, run a script). */
  | "manual";

export interface Finding {
  transform: string;
  kind: FindingKind;
  message: string;
  location?: Location;
  service?: string;
}

/** A file a transform produces besides the compose edits (scripts, alert rules). */
export interface ExtraFile {
  /** Path relative to the directory of the project's first compose file. */
  path: string;
  content: string;
  /** File mode for new files, e.g. 0o755 for scripts. */
  mode?: number;
  description: string;
}

export interface TransformContext {
  readonly project: Project;
  change(message: string, at?: { location?: Location; service?: string }): void;
  refuse(message: string, at?: { location?: Location; service?: string }): void;
  manual(message: string, at?: { location?: Location; service?: string }): void;
  addFile(file: ExtraFile): void;
  /** Register a literal secret value: no diff, report or file compose-gate prints will show it. */
  secret(value: string): void;
  /** State shared by the transforms of one run (e.g. the MinIO hosts being removed). */
  readonly state: Map<string, unknown>;
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
