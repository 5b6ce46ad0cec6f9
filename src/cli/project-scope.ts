/**
 * The project a command works in: its config (found up to the project root, and named on stderr
 * so nobody wonders which one applied) and its scope — compose files are read, and extra files
 * written, only where they resolve inside the project root, unless `--allow-outside` is given.
 */
import { loadConfig, type LoadedConfig } from "../config/load.js";
import { displayPath } from "../io/paths.js";
import { findProjectRoot, isWithin, realLocation } from "../io/project-root.js";
import { stringOption } from "./args.js";
import type { Output } from "./io.js";

export interface ProjectScope {
  /** The project root, a real path (src/io/project-root.ts). */
  root: string;
  /** `--allow-outside`: files outside the root may be read and written. */
  allowOutside: boolean;
}

export async function openProject(options: Record<string, unknown>, out: Output): Promise<{ config: LoadedConfig; scope: ProjectScope }> {
  const cwd = out.io.cwd;
  const root = findProjectRoot(cwd);
  const config = await loadConfig(cwd, stringOption(options.config, "--config"), root);
  if (config.file && !out.quiet) out.io.stderr.write(`config: ${displayPath(config.file, cwd)}\n`);
  return { config, scope: { root, allowOutside: options.allowOutside === true } };
}

/**
 * Why `target`, a file to be created, must not be written — its folder resolves (links
 * followed) outside the project — or undefined when it may.
 */
export function writeOutsideScope(scope: ProjectScope, target: string, cwd: string): string | undefined {
  if (scope.allowOutside) return undefined;
  const real = realLocation(target);
  if (isWithin(scope.root, real)) return undefined;
  return `${displayPath(target, cwd)}: would be written outside the project (${scope.root}), at ${real}, through a link; nothing was written. Pass --allow-outside to write there`;
}
