/**
 * The check results the report formats render: `CheckFinding` and `Severity` are the checks'
 * own types; `RuleInfo` is the part of `CheckRule` the reports show. src/cli/registry.ts assigns
 * the real rules and `runChecks` to these types, so the two cannot drift apart.
 */
// Type-only: erased at run time, so the formatters still load no rule code.
import type { CheckFinding, Severity } from "../checks/types.js";

export type { CheckFinding, Severity } from "../checks/types.js";

/** What the reports need to know about a rule (the metadata of `CheckRule`). */
export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
  description: string;
  fix?: string;
}

export interface SuppressedFinding extends CheckFinding {
  reason: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
