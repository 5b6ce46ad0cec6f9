/**
 * Reporting a runtime setting that services lack. When no service of the stack has it, that is
 * one decision the stack has not made yet (no rollback policy, no limits anywhere), reported
 * once at `services:` and naming the services it covers, so a stack of eleven services reads
 * one line instead of eleven. When some services have it, each one that lacks it is reported
 * at its own key: the gap is then likely an oversight, and a suppression can name the service.
 */
import type { CheckContext, Severity } from "../types.js";

export interface Absence {
  /** Services that lack the setting, in stack order. */
  lacking: readonly string[];
  /** How many services the setting applies to (those that lack it included). */
  applicable: number;
  severity?: Severity;
  /** The sentence for one service: `Service "web" has no …`. */
  one(service: string): string;
  /** The sentence for the whole stack, followed by the services it covers. */
  all: string;
}

/** The services a stack-wide finding names: all of them up to 8, then how many more. */
export function serviceList(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  return `${names.length} services: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

export function reportAbsence(ctx: CheckContext, absence: Absence): void {
  const { lacking, applicable } = absence;
  const severity = absence.severity ? { severity: absence.severity } : {};
  if (lacking.length > 1 && lacking.length === applicable) {
    ctx.report({ path: ["services"], service: null, ...severity, message: `${absence.all} (${serviceList(lacking)})` });
    return;
  }
  for (const name of lacking) ctx.report({ path: ["services", name], ...severity, message: absence.one(name) });
}
