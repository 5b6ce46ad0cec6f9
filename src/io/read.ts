/**
 * Reading the files compose-gate is asked to change. Only text it can edit losslessly gets
 * through: UTF-8 (an optional BOM kept as part of the text), no NUL bytes, at most 2 MB.
 * Everything else is refused with a message naming the file, and the line where there is one,
 * instead of being decoded with replacement characters that a write would then make permanent.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { bytePosition, firstInvalidUtf8 } from "./utf8.js";

/**
 * Larger inputs are refused: no compose file is this big (the largest real one in the test
 * corpus is 34 KB), diffs of them would not be reviewed, and the cap keeps every run bounded
 * (a 2 MB stack of 6 600 services takes seconds and under 0.5 GB).
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadErrorCode = "NOT_FOUND" | "PARENT_NOT_A_FOLDER" | "NOT_A_FILE" | "TOO_LARGE" | "BINARY" | "UTF16" | "NOT_UTF8" | "UNREADABLE";

/** A file that could not be read as text; `message` already names the file (and position). */
export class ReadError extends Error {
  readonly code: ReadErrorCode;
  readonly file: string;
  constructor(code: ReadErrorCode, file: string, message: string) {
    super(message);
    this.name = "ReadError";
    this.code = code;
    this.file = file;
  }
}

/** A file's text and the facts needed to write it back safely later. */
export interface TextFile {
  /** The path as it is shown to the user (relative to the working directory). */
  display: string;
  /** The path written to: symlinks resolved, so an edit replaces the target, not the link. */
  realPath: string;
  text: string;
  mode: number;
  uid: number;
  gid: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Reads `path` as UTF-8 text; throws `ReadError` for anything compose-gate must not edit. */
export function readTextFile(path: string, display: string): TextFile {
  const realPath = resolveReal(path, display);
  const { bytes, stat } = readRegularFile(realPath, display);
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(display, bytes.length);
  return { display, realPath, text: decode(bytes, display), mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
}

function resolveReal(path: string, display: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    throw fsError(error, display);
  }
}

/**
 * Opening a FIFO for reading waits for a writer, and a device may never end: the file is opened
 * without blocking (which changes nothing for a regular file) and refused unless `fstat` of the
 * open file says it is a regular one, so no check-then-open race can slip another kind in.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of a regular file (throws `ReadError` for anything else), read without ever
 * blocking on a FIFO or device. At most `limit` bytes past which it stops reading: the caller
 * compares the length with its own limit.
 */
export function readRegularFile(path: string, display: string, limit = MAX_FILE_BYTES): { bytes: Buffer; stat: Stats } {
  const { fd, stat } = openRegularFile(path, display);
  try {
    if (stat.size > limit) throw tooLarge(display, stat.size);
    return { bytes: readOpenFile(fd, limit, stat.size), stat };
  } catch (error) {
    throw error instanceof ReadError ? error : fsError(error, display);
  } finally {
    closeSync(fd);
  }
}

/**
 * A regular file opened for reading (the caller closes it), or `ReadError`. Writes keep such a
 * descriptor across a rename to see edits that reach the replaced file (src/io/write.ts).
 */
export function openRegularFile(path: string, display: string): { fd: number; stat: Stats } {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ReadError("NOT_A_FILE", display, `${display}: ${fileKind(stat)}, not a regular file`);
    return { fd, stat };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw error instanceof ReadError ? error : fsError(error, display);
  }
}

/** What a file that is not a regular one is, for messages ("is a named pipe (FIFO)"). */
export function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return "is a directory";
  if (stat.isFIFO()) return "is a named pipe (FIFO)";
  if (stat.isSocket()) return "is a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "is a device";
  return "is not a regular file";
}

/**
 * An open file's bytes from its start, to the end even if it grew after `fstat`, but never past
 * `limit`.
 */
export function readOpenFile(fd: number, limit = Infinity, sizeHint = 0): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.max(64 * 1024, sizeHint - total));
    const n = readSync(fd, chunk, 0, chunk.length, total);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) break;
  }
  return Buffer.concat(chunks, total);
}

function decode(bytes: Buffer, display: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ReadError("UTF16", display, `${display}: is UTF-16 encoded; save it as UTF-8 (Docker Compose reads UTF-8)`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = bytePosition(bytes, nul);
    throw new ReadError("BINARY", display, `${display}:${at.line}:${at.column}: is a binary file (NUL byte), not a compose file`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = bytePosition(bytes, Math.max(0, offset));
    const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, "0") ?? "??";
    throw new ReadError("NOT_UTF8", display, `${display}:${at.line}:${at.column}: is not valid UTF-8 (byte 0x${byte}); save the file as UTF-8`);
  }
}

function fsError(error: unknown, display: string): ReadError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new ReadError("NOT_FOUND", display, `${display}: no such file`);
  if (code === "ENOTDIR") return new ReadError("PARENT_NOT_A_FOLDER", display, `${display}: a folder in this path is a file`);
  if (code === "EISDIR") return new ReadError("NOT_A_FILE", display, `${display}: is a directory`);
  if (code === "EACCES" || code === "EPERM") return new ReadError("UNREADABLE", display, `${display}: permission denied`);
  if (code === "ELOOP") return new ReadError("UNREADABLE", display, `${display}: too many levels of symbolic links`);
  return new ReadError("UNREADABLE", display, `${display}: cannot be read (${code ?? (error as Error).message})`);
}

function tooLarge(display: string, size: number): ReadError {
  const limit = `${MAX_FILE_BYTES / (1024 * 1024)} MB`;
  return new ReadError("TOO_LARGE", display, `${display}: is larger than ${limit} (${size} bytes); compose-gate reads files up to ${limit}`);
}
