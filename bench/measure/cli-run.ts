/** Running the built CLI for a timed row: the first run is checked, so a crash is never timed as a fast run. */
import { runNode, type NodeRun } from "../stats.js";
import { BIN, CORPUS, TMP } from "../workspace.js";

export class CliFailure extends Error {}

/** `compose-gate ...args`; exit codes 0 (clean) and 1 (findings or pending changes) both count as a run. */
export function cli(args: readonly string[], nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): NodeRun {
  return runNode([...nodeArgs, BIN, ...args], TMP, env);
}

export function checkedCli(args: readonly string[]): NodeRun {
  const run = cli(args);
  if (run.status !== 0 && run.status !== 1) {
    throw new CliFailure(`compose-gate ${args.slice(0, 3).join(" ")} … exited ${run.status}: ${run.stderr.split("\n").slice(0, 3).join(" / ")}`);
  }
  return run;
}

/**
 * `command` (check by default) on `files`: the real corpus is read in place from outside the
 * repository, which the CLI refuses without --allow-outside (the project root guard), so the
 * flag goes with it.
 */
export function checkArgs(files: readonly string[], command = "check"): string[] {
  const outside = files.some((f) => f.startsWith(CORPUS));
  return [command, ...(outside ? ["--allow-outside"] : []), ...files];
}
