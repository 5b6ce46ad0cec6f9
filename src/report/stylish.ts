/**
 * `check --format stylish` (the default): findings grouped per file, one aligned line each
 * (`line:col  severity  message  rule  fix`), then a summary with counts, how many findings a
 * transform can fix and how many the config suppressed.
 */
import type { CheckFinding, Severity } from "./check-types.js";
import type { Colors } from "./colors.js";
import { plural } from "./transform-findings.js";

export interface StylishSummary {
  /** Files that were checked. */
  files: number;
  suppressed: number;
  /** Inputs that could not be checked (their errors are on stderr): the summary must not reassure. */
  errors?: number;
  /**
   * The command that runs a transform (`compose-gate transform` for the configured preset's,
   * `compose-gate transform --preset swarm-hardening` for another's); default the first.
   */
  fixCommand?: (transform: string) => string;
}

export function formatStylish(findings: readonly CheckFinding[], summary: StylishSummary, c: Colors, mask: (s: string) => string): string {
  const out: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    out.push(c.bold(file));
    // reduce, not Math.max(...group): a file can have more findings than a call takes arguments.
    const width = group.reduce((w, f) => Math.max(w, `${f.line}:${f.column}`.length), 0);
    for (const f of group) {
      const pos = `${f.line}:${f.column}`.padEnd(width);
      const fix = f.fix ? `  ${c.dim(`fix: ${f.fix}`)}` : "";
      out.push(`  ${c.dim(pos)}  ${severity(f.severity, c)}  ${mask(f.message)}  ${c.dim(f.ruleId)}${fix}`);
    }
    out.push("");
  }
  out.push(...footer(findings, summary, c));
  return `${out.join("\n")}\n`;
}

function groupByFile(findings: readonly CheckFinding[]): Map<string, CheckFinding[]> {
  const groups = new Map<string, CheckFinding[]>();
  for (const f of findings) {
    const group = groups.get(f.file) ?? [];
    group.push(f);
    groups.set(f.file, group);
  }
  for (const group of groups.values()) group.sort((a, b) => a.line - b.line || a.column - b.column);
  return groups;
}

function severity(s: Severity, c: Colors): string {
  const text = s.padEnd(7);
  return s === "error" ? c.red(text) : s === "warning" ? c.yellow(text) : c.cyan(text);
}

function couldNotCheck(errors: number): string {
  return `✖ ${plural(errors, "error")}: not everything could be checked (see the errors above)`;
}

function footer(findings: readonly CheckFinding[], summary: StylishSummary, c: Colors): string[] {
  const lines: string[] = [];
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = summary.errors ?? 0;
  if (findings.length === 0 && errors === 0) {
    lines.push(c.green(`✔ no problems in ${plural(summary.files, "file")}`));
  } else if (findings.length === 0) {
    lines.push(c.red(c.bold(couldNotCheck(errors))));
  } else {
    const head = `✖ ${plural(findings.length, "problem")} (${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info)`;
    lines.push(count("error") > 0 ? c.red(c.bold(head)) : c.yellow(c.bold(head)));
    // Counted per command, the plain `compose-gate transform` first: each count is what that command would fix.
    const byCommand = new Map<string, number>([["compose-gate transform", 0]]);
    for (const f of findings) {
      if (!f.fix) continue;
      const command = summary.fixCommand?.(f.fix) ?? "compose-gate transform";
      byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
    }
    for (const [command, n] of byCommand) if (n > 0) lines.push(`  ${n} can be fixed by \`${command}\` (see "fix:")`);
  }
  if (findings.length > 0 && errors > 0) lines.push(c.red(couldNotCheck(errors)));
  if (summary.suppressed > 0) lines.push(c.dim(`  ${summary.suppressed} suppressed by the config`));
  return lines;
}
