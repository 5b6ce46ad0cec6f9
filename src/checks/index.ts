/**
 * `compose-gate check`: the gate audit, security findings and the Swarm profile, as data.
 * Findings carry file:line:column of the exact node and, for gate items, the transform that
 * closes them; rendering (stylish, JSON, SARIF, GitHub) is the CLI's job.
 */
export type { CheckContext, CheckFinding, CheckOptions, CheckResult, CheckRule, Report, Severity, Suppression } from "./types.js";
export { defineRule } from "./types.js";
export { RULES } from "./rules/index.js";
export { runChecks, selectRules } from "./run.js";
export { suppressionSchema, matchesRule } from "./suppressions.js";
