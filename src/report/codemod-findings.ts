/**
 * The reads `codemod secrets` reported instead of rewriting, as people read them on stderr:
 * one line each, `file:line:col`, then what was found and what to do about it.
 */
import type { Colors } from "./colors.js";
import { plural } from "./transform-findings.js";

export interface CodemodFindingLine {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatCodemodFindings(findings: readonly CodemodFindingLine[], c: Colors): string {
  if (findings.length === 0) return "";
  const rows = findings.map((f) => ({ where: `${f.file}:${f.line}:${f.column}`, message: f.message }));
  const width = Math.max(...rows.map((r) => r.where.length));
  const lines = rows.map((r) => `  ${c.yellow("reported")}  ${r.where.padEnd(width)}  ${r.message}`);
  return `${c.bold("codemod secrets")}  ${c.dim(`${plural(findings.length, "place")} left for you`)}\n${lines.join("\n")}\n`;
}
