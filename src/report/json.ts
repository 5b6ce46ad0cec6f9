/**
 * `check --format json`: `{ "findings": [ { ruleId, severity, file, line, column, message,
 * fix, … } ] }`. The first seven keys and their order are a contract scripts rely on; `fix` is
 * the id of the transform that resolves the finding, or null. Optional facts come after them.
 */
import type { CheckFinding } from "./check-types.js";

export function formatJson(findings: readonly CheckFinding[], mask: (s: string) => string): string {
  const rows = findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    message: mask(f.message),
    fix: f.fix ?? null,
    ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
    ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
    ...(f.service !== undefined ? { service: f.service } : {}),
  }));
  return `${JSON.stringify({ findings: rows }, null, 2)}\n`;
}
