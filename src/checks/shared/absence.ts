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
  /**
   * For a rule with a fix transform: how to run it, added to the stack-wide finding, which
   * carries no fix of its own (the fix would rewrite every service; a SARIF report would hold
   * the whole stack's diff for one finding, and computing it costs a transform run).
   */
  command?: string;
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
    const how = absence.command && ctx.fixes ? `; ${absence.command}` : "";
    ctx.report({ path: ["services"], service: null, ...severity, ...(absence.command ? { fix: null } : {}), message: `${absence.all} (${serviceList(lacking)})${how}` });
    return;
  }
  for (const name of lacking) ctx.report({ path: ["services", name], ...severity, message: absence.one(name) });
}
