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

/** `services.<name>.<field>` for each healthcheck, command or entrypoint that passes `value` as an argument. */
export function echoesOf(project: Project, value: string): string[] {
  if (value.length < MIN_ECHO_LENGTH) return [];
  const escaped = value.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  // As an argument (`-P x`, `--requirepass x`, `PGPASSWORD=x`, `"x"`), not inside a path or name (`/etc/sentry/`).
  const word = new RegExp(`(^|[\\s='":])${escaped}($|[\\s'";@&|)])`);
  const out: string[] = [];
  for (const name of project.services()) {
    const service = project.service(name);
    if (!service) continue;
    for (const [field, read] of FIELDS) if (word.test(text(read(service)))) out.push(`services.${name}.${field}`);
  }
  return out;
}
