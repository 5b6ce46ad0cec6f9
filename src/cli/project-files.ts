/**
 * A stack's project files as transforms (`ctx.readFile`) and checks (`ctx.files`) read them:
 * relative to the stack's folder or to the root of the repository that holds it, read only as
 * text, and absent rather than an error when they cannot be read — or when they resolve, links
 * followed, outside that repository (a linked `.env` must not bring a file of the machine into
 * a report).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../io/paths.js";
import { isWithin, realOrSelf } from "../io/project-root.js";
import { readTextFile, ReadError } from "../io/read.js";
import type { FileBase, ProjectFiles } from "../project/files.js";
import type { ReadStack } from "./load-stack.js";

export function baseDirOf(stack: ReadStack, base: FileBase = "stack"): string {
  return base === "repository" ? stack.repositoryDir : stack.baseDir;
}

/** The stack's folder relative to the repository root, `/`-separated ("" at the root). */
export function stackFolder(stack: ReadStack): string {
  return path.relative(stack.repositoryDir, stack.baseDir).split(path.sep).join("/");
}

export function projectFiles(stack: ReadStack, cwd: string): ProjectFiles {
  return {
    read: (file, base) => readProjectFile(path.resolve(baseDirOf(stack, base), file), cwd, stack.repositoryDir),
    list: (folder, base) => {
      try {
        return readdirSync(path.resolve(baseDirOf(stack, base), folder), { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/** A file of the project: its text, or undefined when it is absent or not readable text. */
function readProjectFile(file: string, cwd: string, within: string): string | undefined {
  try {
    const read = readTextFile(file, displayPath(file, cwd));
    return isWithin(realOrSelf(within), read.realPath) ? read.text : undefined;
  } catch (error) {
    if (error instanceof ReadError) return undefined;
    throw error;
  }
}
