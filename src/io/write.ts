/**
 * Writing a stack's changes all-or-nothing. Every file is first staged as a temp file in its
 * own directory (so the final `rename` is atomic and never crosses a file system), then every
 * target is checked again against what was read, and only then are the temp files renamed into
 * place. A failure before the renames leaves every target untouched; a failure during them puts
 * back the files already replaced, from the content that was read.
 *
 * A `kill -9` cannot be cleaned up after: it may leave a temp file (never a half-written
 * target, since only complete, fsynced temp files are renamed). Temp files carry the writing
 * process's id, and the next `--write` in that directory removes those whose process is gone.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export interface PlannedWrite {
  /** Where to write (for an existing file, its real path). */
  path: string;
  /** How the file is named in messages. */
  display: string;
  content: string;
  /** The content read earlier; `null` for a file that must not exist yet. */
  expected: string | null;
  /** Replace whatever is there without comparing (outputs compose-gate owns, like `--patch`). */
  overwrite?: boolean;
  /** Permission bits of the result: the original file's, or the new file's. */
  mode: number;
  /** Owner to keep when replacing a file (only effective when running as root). */
  owner?: { uid: number; gid: number };
}

export type WriteErrorCode = "CHANGED" | "EXISTS" | "FAILED";

/** A stack that could not be written; no file of it was changed. */
export class WriteError extends Error {
  readonly code: WriteErrorCode;
  readonly display: string;
  constructor(code: WriteErrorCode, display: string, message: string) {
    super(message);
    this.name = "WriteError";
    this.code = code;
    this.display = display;
  }
}

interface Staged {
  write: PlannedWrite;
  temp: string;
}

/** Writes every planned file or none of them; throws `WriteError` naming the file that stopped it. */
export function writeAllOrNothing(writes: PlannedWrite[]): void {
  if (writes.length === 0) return;
  const createdDirs: string[] = [];
  const staged: Staged[] = [];
  let current: PlannedWrite | undefined;
  try {
    for (current of writes) assertUnchanged(current);
    for (current of writes) staged.push(stage(current, createdDirs));
    // Checked again right before the renames: the staging took time others may have used.
    for (current of writes) assertUnchanged(current);
  } catch (error) {
    discard(staged, createdDirs);
    throw asWriteError(error, current);
  }
  // New files go in place before the files they accompany are replaced: a run killed between
  // the renames then leaves the existing files (the stack) as they were, and the next run makes
  // every change again instead of finding the stack changed and its generated files missing.
  commit([...staged.filter((s) => s.write.expected === null), ...staged.filter((s) => s.write.expected !== null)], createdDirs);
}

/** Refuses when the file on disk is no longer what was read (or a new file appeared meanwhile). */
function assertUnchanged(write: PlannedWrite): void {
  if (write.overwrite) return;
  const current = readCurrent(write.path);
  if (write.expected === null) {
    if (current !== null) {
      throw new WriteError("EXISTS", write.display, `${write.display}: was created by something else since compose-gate started; nothing was written`);
    }
    return;
  }
  if (current === null || !current.equals(Buffer.from(write.expected, "utf8"))) {
    throw new WriteError("CHANGED", write.display, `${write.display}: changed on disk since compose-gate read it; nothing was written (run again to see the current diff)`);
  }
}

function readCurrent(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file, so this file cannot exist (creating it fails later, reported).
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}

function stage(write: PlannedWrite, createdDirs: string[]): Staged {
  makeParents(path.dirname(write.path), createdDirs);
  const temp = tempPath(write.path);
  writeFileDurably(temp, write.content, write.mode, write.owner);
  return { write, temp };
}

/** `.compose-gate-<pid>-<random>.tmp` next to `target`: same file system, and it names its writer. */
function tempPath(target: string): string {
  return path.join(path.dirname(target), `.compose-gate-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
}

const TEMP_NAME = /^\.compose-gate-(\d+)-[0-9a-f]{12}\.tmp$/;

/**
 * Removes temp files that a killed compose-gate left in `dirs` (their process no longer runs;
 * a running one's are left alone). Returns the paths removed.
 */
export function removeStaleTempFiles(dirs: Iterable<string>): string[] {
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = TEMP_NAME.exec(name)?.[1];
      if (pid === undefined || isRunning(Number(pid))) continue;
      try {
        unlinkSync(path.join(dir, name));
        removed.push(path.join(dir, name));
      } catch {
        // Gone already, or not ours to remove: leave it.
      }
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** `mkdir -p`, remembering each directory it created so a failed write can remove them again. */
function makeParents(dir: string, createdDirs: string[]): void {
  let first: string | undefined;
  try {
    first = mkdirSync(dir, { recursive: true });
  } catch (error) {
    // `mkdir -p` through a regular file fails with EEXIST, which would read as "file exists".
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw Object.assign(new Error("a parent is a file"), { code: "ENOTDIR" });
    throw error;
  }
  if (first === undefined) return;
  let current = dir;
  const made: string[] = [];
  while (current.length >= first.length) {
    made.push(current);
    current = path.dirname(current);
  }
  createdDirs.push(...made);
}

function writeFileDurably(file: string, content: string, mode: number, owner?: { uid: number; gid: number }): void {
  const fd = openSync(file, "wx", 0o600);
  try {
    const bytes = Buffer.from(content, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    // Set the mode explicitly: the open mode is filtered through the umask.
    fchmodSync(fd, mode);
    if (owner) keepOwner(fd, owner);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function keepOwner(fd: number, owner: { uid: number; gid: number }): void {
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } catch {
    // Only root may give a file away; a normal user's rewrite is theirs either way.
  }
}

function commit(staged: Staged[], createdDirs: string[]): void {
  const done: Staged[] = [];
  try {
    for (const s of staged) {
      renameSync(s.temp, s.write.path);
      done.push(s);
    }
  } catch (error) {
    const failed = staged[done.length];
    const rollback = restore(done);
    discard(staged.slice(done.length), rollback.ok ? createdDirs : []);
    const base = asWriteError(error, failed?.write);
    if (rollback.ok) throw base;
    throw new WriteError("FAILED", base.display, `${base.message}; restoring ${rollback.failed.join(", ")} also failed, check them by hand`);
  }
}

/** Undo renames already done: originals get their read content back, new files are removed. */
function restore(done: Staged[]): { ok: boolean; failed: string[] } {
  const failed: string[] = [];
  for (const { write } of done.reverse()) {
    try {
      if (write.overwrite) continue;
      if (write.expected === null) unlinkSync(write.path);
      else {
        const temp = tempPath(write.path);
        writeFileDurably(temp, write.expected, write.mode, write.owner);
        renameSync(temp, write.path);
      }
    } catch {
      failed.push(write.display);
    }
  }
  return { ok: failed.length === 0, failed };
}

function discard(staged: Staged[], createdDirs: string[]): void {
  for (const s of staged) {
    try {
      unlinkSync(s.temp);
    } catch {
      // Already gone.
    }
  }
  for (const dir of [...createdDirs].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty or already gone: leave it.
    }
  }
}

function asWriteError(error: unknown, write: PlannedWrite | undefined): WriteError {
  if (error instanceof WriteError) return error;
  const e = error as NodeJS.ErrnoException;
  const display = write?.display ?? "?";
  const reason = e.code ? `${e.code}: ${describeCode(e.code)}` : e.message;
  return new WriteError("FAILED", display, `${display}: could not be written (${reason}); nothing was written`);
}

function describeCode(code: string): string {
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted; is the file or its folder read-only or immutable?",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EISDIR: "is a directory",
    ENOTDIR: "a parent is not a directory",
    EEXIST: "already exists",
    ENAMETOOLONG: "file name too long",
    EDQUOT: "disk quota exceeded",
  };
  return known[code] ?? "system error";
}
