/**
 * The patch for a run as shown to a human: every changed compose file and every new extra file,
 * masked (secret values replaced) and coloured when asked. The `--patch` file is `renderPatch`
 * unmasked and uncoloured, because a masked patch no longer applies.
 */
import { colorize, renderPatch, type DiffOptions, type FileChange, type PatchColors } from "../diff/index.js";

export function displayPatch(changes: readonly FileChange[], mask: NonNullable<DiffOptions["mask"]>, colors?: PatchColors): string {
  const patch = renderPatch(changes, { mask });
  return colors ? colorize(patch, colors) : patch;
}
