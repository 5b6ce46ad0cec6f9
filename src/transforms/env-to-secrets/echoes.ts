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
  const escaped = value.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  // As an argument (`-P x`, `--requirepass x`, `PGPASSWORD=x`, `"x"`), not inside a path or name (`/etc/sentry/`).
  const word = new RegExp(`(^|[\\s='":])${escaped}($|[\\s'";@&|)])`);
  return lines.filter((l) => l.text.includes(value) && word.test(l.text)).map((l) => l.where);
}
