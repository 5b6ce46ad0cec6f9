/**
 * The check results the report formats render. They mirror the contract of `src/checks/`
 * (`CheckFinding`, `CheckRule`, `runChecks`) structurally, so the formatters depend on no rule
 * code and can be tested on their own. src/cli/registry.ts assigns the real rules and
 * `runChecks` to these types, so the two cannot drift apart without a type error.
 */
export type Severity = "error" | "warning" | "info";

export interface CheckFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  service?: string;
  /** Id of the transform that resolves the finding. */
  fix?: string;
}

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
