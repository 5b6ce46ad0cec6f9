/**
 * The project's other files, as transforms and checks may read them: a generated script, a
 * checklist, the GitHub workflows that act on the stack. Paths use `/` separators and are
 * relative to a base: the folder of the stack's first compose file, or the root of the git
 * repository holding it (the stack's folder when it is in no repository).
 */

/** What a project path is relative to. */
export type FileBase = "stack" | "repository";

export interface ProjectFiles {
  /** The text of a file, or undefined when it is absent or not readable text. */
  read(path: string, base?: FileBase): string | undefined;
  /** The names of the regular files in a folder, sorted; empty when the folder is absent. */
  list(folder: string, base?: FileBase): string[];
}
