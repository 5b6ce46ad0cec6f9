/**
 * How compose-gate searches folders (fast-glob options shared by every search): absolute paths
 * of regular files, dot-folders skipped, symbolic links not followed — so a link loop cannot
 * make a search run forever (name a linked file explicitly to use it) — and unreadable folders
 * skipped rather than fatal.
 */
import type fg from "fast-glob";

export const SEARCH_OPTIONS: Readonly<fg.Options> = {
  absolute: true,
  onlyFiles: true,
  dot: false,
  followSymbolicLinks: false,
  suppressErrors: true,
  unique: true,
};
