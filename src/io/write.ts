/**
 * Writing a stack's changes all-or-nothing. Every file is first staged as a temp file in its
 * own directory (so the final `rename` is atomic and never crosses a file system), then every
 * target is checked again against what was read, and only then are the temp files renamed into
 * place. A failure before the renames leaves every target untouched; a failure during them puts
 * back the files already replaced, from the content that was read.
 *
 * An edit can still land between the last check and a rename. POSIX has no rename that fails
 * when its target changed, so the last check reads each target through a descriptor that stays
 * open across the renames: the replaced file is still readable through it afterwards. Right
 * before its rename a target must still be that file (same device and inode), and after the
 * renames each replaced file must still hold what was read; otherwise every file is put back —
 * the edited one with the edit — and the stack fails. What remains undetectable is a program
 * replacing the file by its own rename in the microseconds between that inode check and the
 * rename. New files are placed with `link`, which fails instead of replacing a file that
 * appeared meanwhile.
 *
 * A file with several hard links is refused: a rename replaces one name, and the others would
 * keep the old content without a word.
 *
 * A `kill -9` cannot be cleaned up after: it may leave a temp file (never a half-written
 * target, since only complete, fsynced temp files are renamed). Temp files carry the writing
 * process's id, and the next `--write` in that directory removes those whose process is gone.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { openRegularFile, readOpenFile, readRegularFile, ReadError } from "./read.js";

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

export type WriteErrorCode = "CHANGED" | "EXISTS" | "HARD_LINKED" | "FAILED";

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
  /** The target as last checked, open until the renames are done (existing files only). */
  held?: Held;
}

interface Held {
  fd: number;
  dev: number;
  ino: number;
}

/** Writes every planned file or none of them; throws `WriteError` naming the file that stopped it. */
export function writeAllOrNothing(writes: PlannedWrite[]): void {
  if (writes.length === 0) return;
  const createdDirs: string[] = [];
  const staged: Staged[] = [];
  let current: PlannedWrite | undefined;
  try {
    for (current of writes) {
      assertUnchanged(current);
      assertSingleLink(current);
    }
    for (current of writes) staged.push(stage(current, createdDirs));
    // Checked again right before the renames (the staging took time others may have used),
    // through descriptors that stay open across them.
    for (const s of staged) {
      current = s.write;
      s.held = hold(s.write);
    }
  } catch (error) {
    release(staged);
    discard(staged, createdDirs);
    throw asWriteError(error, current);
  }
  // New files go in place before the files they accompany are replaced: a run killed between
  // the renames then leaves the existing files (the stack) as they were, and the next run makes
  // every change again instead of finding the stack changed and its generated files missing.
  const ordered = [...staged.filter((s) => s.write.expected === null), ...staged.filter((s) => s.write.expected !== null)];
  try {
    commit(ordered, createdDirs);
  } finally {
    release(staged);
  }
}

/** Refuses when the file on disk is no longer what was read (or a new file appeared meanwhile). */
function assertUnchanged(write: PlannedWrite): void {
  if (write.overwrite) return;
  const current = readCurrent(write.path, write.display);
  if (write.expected === null) {
    if (current !== null) {
      throw new WriteError("EXISTS", write.display, `${write.display}: was created by something else since compose-gate started; nothing was written`);
    }
    return;
  }
  if (current === null || !current.equals(Buffer.from(write.expected, "utf8"))) throw changed(write);
}

const changed = (write: PlannedWrite) =>
  new WriteError("CHANGED", write.display, `${write.display}: changed on disk since compose-gate read it; nothing was written (run again to see the current diff)`);

/** A rename would split the links: the other names would keep the old content. */
function assertSingleLink(write: PlannedWrite): void {
  if (write.overwrite || write.expected === null) return;
  const links = lstatSync(write.path).nlink;
  if (links <= 1) return;
  throw new WriteError(
    "HARD_LINKED",
    write.display,
    `${write.display}: has ${links} hard links; --write replaces a file by renaming a new one over it, which would leave the other ${links - 1 === 1 ? "link" : `${links - 1} links`} with the old content. ` +
      `Nothing was written. Give it its own copy first (cp ${write.display} ${write.display}.tmp && mv ${write.display}.tmp ${write.display}), or apply the diff by hand`,
  );
}

/**
 * The last check of an existing target, through a descriptor the caller keeps open across the
 * renames; undefined for new files (checked absent) and outputs compose-gate owns.
 */
function hold(write: PlannedWrite): Held | undefined {
  if (write.overwrite || write.expected === null) {
    assertUnchanged(write);
    return undefined;
  }
  let opened;
  try {
    opened = openRegularFile(write.path, write.display);
  } catch (error) {
    if (error instanceof ReadError && (error.code === "NOT_FOUND" || error.code === "PARENT_NOT_A_FOLDER")) throw changed(write);
    throw error;
  }
  const held = { fd: opened.fd, dev: opened.stat.dev, ino: opened.stat.ino };
  if (!readOpenFile(held.fd).equals(Buffer.from(write.expected, "utf8"))) {
    closeSync(held.fd);
    throw changed(write);
  }
  return held;
}

function release(staged: Staged[]): void {
  for (const s of staged) {
    if (s.held) closeSync(s.held.fd);
    s.held = undefined;
  }
}

function readCurrent(file: string, display: string): Buffer | null {
  try {
    return readRegularFile(file, display, Infinity).bytes;
  } catch (error) {
    // A parent that is a file: this file cannot exist (creating it fails later, reported).
    if (error instanceof ReadError && (error.code === "NOT_FOUND" || error.code === "PARENT_NOT_A_FOLDER")) return null;
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

/** Creates `file` (which must not exist) with `content`; on any failure (a full disk) removes it again. */
function writeFileDurably(file: string, content: string | Buffer, mode: number, owner?: { uid: number; gid: number }): void {
  const fd = openSync(file, "wx", 0o600);
  try {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    // Set the mode explicitly: the open mode is filtered through the umask.
    fchmodSync(fd, mode);
    if (owner) keepOwner(fd, owner);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(file);
    throw error;
  }
  closeSync(fd);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
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
      place(s);
      done.push(s);
    }
  } catch (error) {
    const failed = staged[done.length];
    throw rollBack(done, staged.slice(done.length), createdDirs, asWriteError(error, failed?.write));
  }
  // An edit that reached a replaced file between its last check and its rename.
  const edited = new Map<Staged, Buffer>();
  for (const s of done) {
    const now = s.held ? readOpenFile(s.held.fd) : undefined;
    if (now && !now.equals(Buffer.from(s.write.expected!, "utf8"))) edited.set(s, now);
  }
  if (edited.size === 0) return;
  const names = [...edited.keys()].map((s) => s.write.display);
  const base = new WriteError("CHANGED", names[0], `${names.join(", ")}: edited on disk while compose-gate replaced ${names.length === 1 ? "it" : "them"}; your version was put back and nothing was written (run again to see the current diff)`);
  throw rollBack(done, [], createdDirs, base, edited);
}

/**
 * Moves one staged file into place. An existing target must still be the file last checked (a
 * program that saved by replacing it meanwhile would otherwise lose its save); a new one is
 * linked, which fails rather than replace a file that appeared meanwhile.
 */
function place(s: Staged): void {
  const { write, temp, held } = s;
  if (held) {
    const now = lstatOrNull(write.path);
    if (!now || now.dev !== held.dev || now.ino !== held.ino) throw changed(write);
  }
  if (write.overwrite || write.expected !== null) {
    renameSync(temp, write.path);
    return;
  }
  try {
    linkSync(temp, write.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new WriteError("EXISTS", write.display, `${write.display}: was created by something else since compose-gate started; nothing was written`);
    // File systems without hard links: the absence checked just before has to do.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EMLINK") throw error;
    renameSync(temp, write.path);
    return;
  }
  removeQuietly(temp);
}

function lstatOrNull(file: string): { dev: number; ino: number } | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/** Puts back what `done` replaced and discards the rest; returns `base`, or a louder error when putting back failed. */
function rollBack(done: Staged[], rest: Staged[], createdDirs: string[], base: WriteError, versions?: Map<Staged, Buffer>): WriteError {
  const rollback = restore(done, versions);
  discard(rest, rollback.ok ? createdDirs : []);
  if (rollback.ok) return base;
  return new WriteError("FAILED", base.display, `${base.message}; restoring ${rollback.failed.join(", ")} also failed, check them by hand`);
}

/**
 * Undo renames already done: originals get their read content back (or the version in
 * `versions`, an edit made meanwhile), new files are removed.
 */
function restore(done: Staged[], versions?: Map<Staged, Buffer>): { ok: boolean; failed: string[] } {
  const failed: string[] = [];
  for (const s of [...done].reverse()) {
    const { write } = s;
    try {
      if (write.overwrite) continue;
      if (write.expected === null) unlinkSync(write.path);
      else {
        const temp = tempPath(write.path);
        writeFileDurably(temp, versions?.get(s) ?? write.expected, write.mode, write.owner);
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
  // The target is no longer a regular file (a FIFO, a device): its message names it already.
  if (error instanceof ReadError) return new WriteError("CHANGED", error.file, `${error.message}; nothing was written`);
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
