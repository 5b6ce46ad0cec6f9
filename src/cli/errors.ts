/**
 * Exit codes (a contract scripts rely on) and the one error type that means "the user's input
 * stopped this": it is printed as a message, never as a stack trace.
 */

export const EXIT = {
  /** Success: nothing pending, no finding at the fail level. */
  ok: 0,
  /** Changes pending (`--check`) or findings at the fail level. */
  findings: 1,
  /** Could not run: bad YAML, invalid config, unreadable file, unknown option or id. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem with the user's input or environment; the message says what and where. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** "did you mean …?" for a mistyped id, or "" when nothing is close. */
export function suggest(input: string, known: readonly string[]): string {
  const lower = input.toLowerCase();
  const prefixed = known.filter((k) => lower.length >= 3 && k.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return ` (did you mean ${prefixed[0]}?)`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? ` (did you mean ${best}?)` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}
