/**
 * Help text, rendered from the cac declarations so options are described in one place.
 * (cac's own help prints straight to the console; compose-gate writes through its injected
 * streams so help can be tested and redirected like any other output.)
 */
import type { CAC, Command } from "cac";
import type { Colors } from "../report/colors.js";
import { EXIT_CODES_HELP } from "./program.js";

const TAGLINE = "make a docker-compose / Swarm stack production-ready as reviewed, lossless changes";

export function renderHelp(cli: CAC, command: Command | undefined, version: string, c: Colors): string {
  const sections = command ? commandHelp(cli, command, c) : globalHelp(cli, c);
  return `${c.bold(`compose-gate ${version}`)} — ${TAGLINE}\n\n${sections.join("\n\n")}\n`;
}

function globalHelp(cli: CAC, c: Colors): string[] {
  return [
    section(c, "Usage", "  $ compose-gate <command> [options]"),
    section(c, "Commands", table(cli.commands.map((cmd) => [cmd.rawName, cmd.description]))),
    section(c, "Options", options(cli.globalCommand)),
    section(c, "Examples", cli.commands.flatMap((cmd) => cmd.examples.slice(0, 1)).map(exampleText).join("\n")),
    `${EXIT_CODES_HELP}\nRun \`compose-gate <command> --help\` for a command's options.`,
  ];
}

function commandHelp(cli: CAC, command: Command, c: Colors): string[] {
  return [
    section(c, "Usage", `  $ compose-gate ${command.rawName} [options]`),
    command.description,
    section(c, "Options", options(command)),
    section(c, "Global options", options(cli.globalCommand)),
    section(c, "Examples", command.examples.map(exampleText).join("\n")),
    EXIT_CODES_HELP,
  ];
}

function section(c: Colors, title: string, body: string): string {
  return `${c.bold(`${title}:`)}\n${body}`;
}

function options(command: Command): string {
  return table(command.options.map((o) => [o.rawName, o.description]));
}

function exampleText(example: Command["examples"][number]): string {
  return typeof example === "function" ? example("compose-gate") : example;
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n");
}
