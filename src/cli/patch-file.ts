/**
 * Writing `--patch FILE`: one patch of every processed stack, unmasked because it has to apply,
 * replaced atomically. Paths in it are relative to the working directory, which is where
 * `git apply` must run, so a change outside that directory cannot go in.
 */
import path from "node:path";
import { isOutside } from "../io/paths.js";
import { readTextFile, ReadError } from "../io/read.js";
import { writeAllOrNothing, WriteError } from "../io/write.js";
import { renderPatch, type FileChange } from "../diff/index.js";
import { plural } from "../report/transform-findings.js";
import { secretMasker } from "../secrets/mask.js";

export type PatchResult = { ok: true; message: string } | { ok: false; message: string };

export function writePatchFile(target: string, cwd: string, changes: FileChange[], secrets: Iterable<string>): PatchResult {
  const outside = changes.find((c) => isOutside(c.path));
  if (outside) {
    return { ok: false, message: `--patch: ${outside.path} is outside the current directory; run compose-gate from the repository root so the patch can name it` };
  }
  const absolute = path.resolve(cwd, target);
  // Rendered unmasked, while the mask that the displayed diff uses counts what it would hide.
  const hidden = new Set<string>();
  const count = secretMasker(secrets, { onHidden: (text) => hidden.add(text) });
  const patch = renderPatch(changes, {
    mask: (line, at) => {
      count(line, at);
      return line;
    },
  });
  const mode = existingMode(absolute, target);
  if (typeof mode === "string") return { ok: false, message: mode };
  try {
    writeAllOrNothing([{ path: absolute, display: target, content: patch, expected: null, overwrite: true, mode: mode ?? 0o644 }]);
  } catch (error) {
    if (error instanceof WriteError) return { ok: false, message: error.message };
    throw error;
  }
  if (changes.length === 0) return { ok: true, message: `patch written to ${target} (empty: nothing to change)` };
  const note = hidden.size > 0 ? `; it is NOT masked and contains ${plural(hidden.size, "secret value")}: keep it out of logs and chats` : "";
  return { ok: true, message: `patch written to ${target}${note}` };
}

/** The mode of an existing patch file (kept when it is replaced), or a message when it is a directory. */
function existingMode(file: string, display: string): number | string | undefined {
  try {
    return readTextFile(file, display).mode;
  } catch (error) {
    if (error instanceof ReadError && error.code === "NOT_A_FILE") return `--patch ${display}: is a directory`;
    // Absent or unreadable: it is replaced by a new file either way.
    return undefined;
  }
}
