/**
 * One CLI invocation: parse the arguments, run the command, turn every outcome into an exit
 * code. User errors (a `CliError`, a config or argument problem) are printed as one message;
 * anything else is a bug in compose-gate and is printed as "internal error" with its stack and
 * a request to report it.
 */
import { readFileSync } from "node:fs";
import type { CAC } from "cac";
import { CliError, EXIT, suggest, type ExitCode } from "./errors.js";
import { renderHelp } from "./help.js";
import { makeOutput, printError, type CliIo, type Output } from "./io.js";
import { packageFile } from "./package-file.js";
import { buildProgram, COMMANDS, type CommandName } from "./program.js";
import { loadDefaultRegistry, type RegistryLoader } from "./registry.js";

export interface CommandContext {
  out: Output;
  loadRegistry: RegistryLoader;
  version: string;
  /** Parsed options (camelCase), as cac gives them. */
  options: Record<string, unknown>;
  /** The arguments as given. */
  argv: readonly string[];
}

export async function runCli(argv: string[], io: CliIo, loadRegistry: RegistryLoader = loadDefaultRegistry): Promise<ExitCode> {
  const flags = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const out = makeOutput(io, argv, flags.includes("--quiet"));
  try {
    return await dispatch(argv, out, loadRegistry);
  } catch (error) {
    return reportError(error, out);
  }
}

async function dispatch(argv: string[], out: Output, loadRegistry: RegistryLoader): Promise<ExitCode> {
  const cli = buildProgram();
  let invoked: { name: CommandName; args: unknown[] } | undefined;
  for (const command of cli.commands) command.action((...args: unknown[]) => void (invoked = { name: command.name as CommandName, args }));
  const parsed = cli.parse(["node", "compose-gate", ...camelCaseBooleanFlags(cli, argv)], { run: false });
  const version = packageVersion();
  if (parsed.options.version) {
    out.io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  if (parsed.options.help) {
    out.io.stdout.write(renderHelp(cli, cli.matchedCommand, version, out.out));
    return EXIT.ok;
  }
  if (!cli.matchedCommand) return noCommand(cli, parsed.args[0], out, version);
  runValidated(cli);
  const { name, args } = invoked!;
  const context: CommandContext = { out, loadRegistry, version, options: args[args.length - 1] as Record<string, unknown>, argv };
  return runCommand(name, args.slice(0, -1), context);
}

/**
 * cac tells its argument parser (mri) which options are boolean by their camelCase names, so a
 * kebab-case flag such as `--allow-outside` is not known to be boolean and takes the next
 * argument as its value: `check --allow-outside stack.yml` lost the file and checked the
 * working directory. Such flags are passed on in the camelCase spelling mri does know.
 */
function camelCaseBooleanFlags(cli: CAC, argv: readonly string[]): string[] {
  const spellings = new Map<string, string>();
  for (const option of [cli.globalCommand, ...cli.commands].flatMap((c) => c.options)) {
    if (!option.isBoolean || option.negated) continue;
    for (const raw of option.rawName.split(",").map((n) => n.trim())) {
      if (/^--[a-z]+(-[a-z]+)+$/.test(raw)) spellings.set(raw, `--${option.names.at(-1)}`);
    }
  }
  const end = argv.indexOf("--");
  return argv.map((arg, i) => {
    if (end >= 0 && i >= end) return arg;
    const [flag, ...value] = arg.split("=");
    const spelled = spellings.get(flag!);
    // `--allow-outside=false` as mri reads `--allowOutside=false`: the boolean false.
    return spelled ? [spelled, ...value].join("=") : arg;
  });
}

/** cac checks unknown options and arguments when it runs the action; its errors are usage errors. */
function runValidated(cli: CAC): void {
  try {
    cli.runMatchedCommand();
  } catch (error) {
    if ((error as Error).name !== "CACError") throw error;
    const message = (error as Error).message;
    const unknown = /^Unknown option `(-{1,2})([^`]+)`/.exec(message);
    const known = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options].flatMap((o) => o.names.filter((n) => n.length > 1).map(kebab));
    const hint = unknown ? suggest(unknown[2], known).replace("did you mean ", "did you mean --") : "";
    const helpCommand = ["compose-gate", cli.matchedCommand?.name, "--help"].filter(Boolean).join(" ");
    throw new CliError(`${message}${hint}\nRun \`${helpCommand}\` for the options.`);
  }
}

async function runCommand(name: CommandName, args: unknown[], context: CommandContext): Promise<ExitCode> {
  switch (name) {
    case "transform":
      return (await import("./commands/transform.js")).transformCommand(paths(args[0], context), context);
    case "check":
      return (await import("./commands/check.js")).checkCommand(paths(args[0], context), context);
    case "secrets":
      return (await import("./commands/secrets.js")).secretsCommand(String(args[0]), paths(args[1], context), context);
    case "codemod":
      return (await import("./commands/codemod.js")).codemodCommand(String(args[0]), context);
    case "list":
      return (await import("./commands/list.js")).listCommand(context);
    case "explain":
      return (await import("./commands/explain.js")).explainCommand(String(args[0]), context);
  }
}

/**
 * Positional paths as typed, then every argument after `--` (a path may start with a dash
 * there). The argument parser turns number-like words into numbers (`007` becomes 7), so a
 * number is traced back to the argument it came from.
 */
function paths(value: unknown, context: CommandContext): string[] {
  const { argv } = context;
  const end = argv.indexOf("--");
  const unused = (end < 0 ? argv : argv.slice(0, end)).filter((a) => !a.startsWith("-"));
  const given = (Array.isArray(value) ? value : []).map((v) => {
    if (typeof v !== "number") return String(v);
    const i = unused.findIndex((a) => a.trim() !== "" && Number(a) === v);
    return i >= 0 ? unused.splice(i, 1)[0] : String(v);
  });
  return [...given, ...(end < 0 ? [] : argv.slice(end + 1))];
}

function noCommand(cli: CAC, first: string | undefined, out: Output, version: string): ExitCode {
  if (first === undefined) {
    out.io.stderr.write(renderHelp(cli, undefined, version, out.err));
    return EXIT.error;
  }
  throw new CliError(`unknown command "${first}"${suggest(first, COMMANDS)}; commands: ${COMMANDS.join(", ")}`);
}

function reportError(error: unknown, out: Output): ExitCode {
  if (error instanceof CliError || isConfigError(error)) {
    printError(out, (error as Error).message);
    return EXIT.error;
  }
  out.io.stderr.write(internalError(error));
  return EXIT.error;
}

/** The report for a bug: what happened, where, and where to tell us. */
export function internalError(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `compose-gate: internal error (this is a bug in compose-gate, not in your files)\n${detail}\nPlease report it with the command you ran and this output (remove anything confidential first).\n`;
}

function isConfigError(error: unknown): boolean {
  return error instanceof Error && error.name === "ConfigError";
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}

let cachedVersion: string | undefined;

/** The version in compose-gate's own package.json. */
export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
  return cachedVersion;
}
