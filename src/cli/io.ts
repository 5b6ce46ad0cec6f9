/**
 * Where the CLI reads and writes, injected so tests can run it in-process, plus the colour
 * decision: `--color`/`--no-color` win, then `NO_COLOR` (https://no-color.org: any non-empty
 * value), then `FORCE_COLOR`, then `TERM=dumb`, then whether each stream is a terminal.
 */
import pc from "picocolors";
import type { Colors } from "../report/colors.js";

export interface Writer {
  write(text: string): void;
}

export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export type { Colors };

export interface Output {
  io: CliIo;
  /** Colours for stdout (diffs, reports). */
  out: Colors;
  /** Colours for stderr (findings, errors). */
  err: Colors;
  quiet: boolean;
}

export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** The last `--color`/`--no-color` before `--`, or undefined when neither is given. */
export function colorFlag(argv: readonly string[]): boolean | undefined {
  let flag: boolean | undefined;
  for (const arg of argv) {
    if (arg === "--") break;
    if (arg === "--color" || arg === "--color=true") flag = true;
    else if (arg === "--no-color" || arg === "--color=false") flag = false;
  }
  return flag;
}

export function useColor(flag: boolean | undefined, env: CliIo["env"], isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  // FORCE_COLOR as chalk/supports-color read it: `0`/`false` off, any other value on.
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.TERM === "dumb") return false;
  return isTTY;
}

export function makeOutput(io: CliIo, argv: readonly string[], quiet = false): Output {
  const flag = colorFlag(argv);
  return {
    io,
    out: pc.createColors(useColor(flag, io.env, io.stdoutIsTTY)),
    err: pc.createColors(useColor(flag, io.env, io.stderrIsTTY)),
    quiet,
  };
}

/** An error line on stderr: `error <message>`. */
export function printError(out: Output, message: string): void {
  out.io.stderr.write(`${out.err.red(out.err.bold("error"))} ${message}\n`);
}
