/**
 * The shapes `ComposeDocument`'s methods take and return. They live apart from the class so
 * that the modules the class delegates to (environment, editing, anchors) can name them
 * without importing the class file, which imports those modules back.
 */

export interface Location {
  file: string;
  line: number;
  column: number;
}

/** How an edit treats text that other entries share through an anchor. */
export type SharedPolicy =
  /** Throw `EditError("SHARED_ANCHOR")` naming the anchor and its users (default). */
  | "refuse"
  /** Edit the anchored text itself: every alias user sees the change. */
  | "anchor"
  /** Override at the use site when YAML allows it (a key that came in through `<<:`). */
  | "local";

export interface EditOptions {
  shared?: SharedPolicy;
  /** A comment written after a newly inserted value (`KEY: value # comment`). */
  comment?: string;
  /** Insert a new map key before or after this sibling key instead of at the end. */
  before?: string;
  after?: string;
}

export interface DeleteOptions {
  shared?: SharedPolicy;
  /** When the deletion empties its collection, delete the key that holds it as well. */
  prune?: boolean;
}

export interface AnchorUse {
  anchor: string;
  /** Paths (dot-joined) of the aliases that use the anchor. */
  users: string[];
}

export interface ParseOptions {
  /** Name used in diagnostics and diffs (defaults to `compose.yml`). */
  filename?: string;
}
