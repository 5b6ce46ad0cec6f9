/**
 * A password written in `environment:` is often written again where a command needs it:
 * `healthcheck: sqlcmd -P example_123`, `command: --requirepass s3cret`. Moving the variable
 * leaves those copies behind, so they are named (never printed) in the steps for a human.
 */
import type { Project } from "../../project/project.js";

/** Shorter values are too often ordinary words (`test`, `admin`) to report where they recur. */
const MIN_ECHO_LENGTH = 8;

const FIELDS = [
  ["healthcheck", (s: Record<string, unknown>) => (s.healthcheck as { test?: unknown } | undefined)?.test],
  ["command", (s: Record<string, unknown>) => s.command],
  ["entrypoint", (s: Record<string, unknown>) => s.entrypoint],
] as const;

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String).join(" ");
  return "";
}

export interface CommandLine {
  /** `services.<name>.<field>`. */
  where: string;
  text: string;
}

/** Every healthcheck, command and entrypoint of the project as one line, read once per run. */
export function commandLines(project: Project): CommandLine[] {
  const out: CommandLine[] = [];
  for (const name of project.services()) {
    const service = project.service(name);
    if (!service) continue;
    for (const [field, read] of FIELDS) {
      const line = text(read(service));
      if (line !== "") out.push({ where: `services.${name}.${field}`, text: line });
    }
  }
  return out;
}

/** Where a command line passes `value` as an argument (`services.<name>.<field>`). */
export function echoesOf(lines: readonly CommandLine[], value: string): string[] {
  if (value.length < MIN_ECHO_LENGTH) return [];
  return lines.filter((l) => passesAsArgument(l.text, value)).map((l) => l.where);
}

const ARGUMENT_BEFORE = /[\s='":]/;
const ARGUMENT_AFTER = /[\s'";@&|)]/;

/**
 * As an argument (`-P x`, `--requirepass x`, `PGPASSWORD=x`, `"x"`), not inside a path or name
 * (`/etc/sentry/`). Found with indexOf, not a pattern built from the value: a value of any
 * length and content is just text.
 */
function passesAsArgument(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const end = at + value.length;
    if ((at === 0 || ARGUMENT_BEFORE.test(text[at - 1])) && (end === text.length || ARGUMENT_AFTER.test(text[end]))) return true;
  }
  return false;
}
