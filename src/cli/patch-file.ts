/**
 * Writing `--patch FILE`: one patch of every processed stack, unmasked because it has to apply,
 * replaced atomically. Paths in it are relative to the working directory, which is where
 * `git apply` must run, so a change outside that directory cannot go in.
 *
 * The patch holds secret values, so it is always created `0600` (whatever the umask, whatever
 * the mode of the file it replaces), and it goes only where a file can safely be: a new path,
 * or an existing regular file (through links, which stay links). Never over a device, a FIFO or
 * a link that does not resolve (as root, replacing `/dev/stdout` would put the secrets in a
 * file), and never over a file this run reads or writes (a typo must not turn the compose file
 * into a patch).
 */
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { isOutside } from "../io/paths.js";
import { realLocation } from "../io/project-root.js";
import { fileKind } from "../io/read.js";
import { writeAllOrNothing, WriteError } from "../io/write.js";
import { renderPatch, type FileChange } from "../diff/index.js";
import { plural } from "../report/transform-findings.js";
import { secretMasker } from "../secrets/mask.js";

export type PatchResult = { ok: true; message: string } | { ok: false; message: string };

/** Whoever else can read the patch can read the secrets in it. */
const PATCH_MODE = 0o600;

/**
 * @param inputs real paths of every file the run read or writes (compose files, generated files):
 *   the patch must not replace any of them.
 */
export function writePatchFile(target: string, cwd: string, changes: FileChange[], secrets: Iterable<string>, inputs: ReadonlySet<string>): PatchResult {
  const outside = changes.find((c) => isOutside(c.path));
  if (outside) {
    return { ok: false, message: `--patch: ${outside.path} is outside the current directory; run compose-gate from the repository root so the patch can name it` };
  }
  const where = patchPath(target, cwd, inputs);
  if ("refused" in where) return { ok: false, message: where.refused };
  // Rendered unmasked, while the mask that the displayed diff uses counts what it would hide.
  const hidden = new Set<string>();
  const count = secretMasker(secrets, { onHidden: (text) => hidden.add(text) });
  const patch = renderPatch(changes, {
    mask: (line, at) => {
      count(line, at);
      return line;
    },
  });
  try {
    writeAllOrNothing([{ path: where.path, display: target, content: patch, expected: null, overwrite: true, mode: PATCH_MODE }]);
  } catch (error) {
    if (error instanceof WriteError) return { ok: false, message: error.message };
    throw error;
  }
  if (changes.length === 0) return { ok: true, message: `patch written to ${target} (empty: nothing to change)` };
  const note = hidden.size > 0 ? `; it is NOT masked and contains ${plural(hidden.size, "secret value")}: keep it out of logs and chats` : "";
  return { ok: true, message: `patch written to ${target}${note}` };
}

/**
 * Where the patch goes — the path when it is new, the real file behind links when it exists —
 * or why it cannot go there. Checked once before any stack is written (against the compose
 * files) and again when the patch is written (against every file the run wrote).
 */
export function patchPath(display: string, cwd: string, inputs: ReadonlySet<string>): { path: string } | { refused: string } {
  const absolute = path.resolve(cwd, display);
  const refuse = (why: string) => ({ refused: `--patch ${display}: ${why}; not written` });
  if (inputs.has(realLocation(absolute))) return refuse("is a file this run reads or writes; choose another name for the patch");
  let link: Stats;
  try {
    link = lstatSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { path: absolute };
    return refuse(code === "ENOTDIR" ? "a folder in this path is a file" : `cannot be examined (${code})`);
  }
  let real = absolute;
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      // realpath(3) itself: Node's own realpathSync "resolves" /proc/self/fd/1 to a pipe's name.
      real = realpathSync.native(absolute);
      stat = statSync(real);
    } catch {
      return refuse(`is a link compose-gate cannot follow (to ${readlinkSync(absolute)}); it would be replaced, not written through`);
    }
  }
  if (!stat.isFile()) return refuse(`${fileKind(stat)}; a patch is written only to a regular file or a new path`);
  return { path: real };
}
