/**
 * Every transform compose-gate ships, by id, and the presets that compose them. Ids are part
 * of the CLI contract (`--only`, `--skip`, config keys).
 */
import type { Transform } from "./types.js";

export const TRANSFORMS: readonly Transform[] = [];

/** Presets are ordered lists of transform ids. */
export const PRESETS: Record<string, readonly string[]> = {};

export function getTransform(id: string): Transform {
  const found = TRANSFORMS.find((t) => t.id === id);
  if (!found) throw new Error(`unknown transform "${id}" (known: ${TRANSFORMS.map((t) => t.id).join(", ")})`);
  return found;
}
