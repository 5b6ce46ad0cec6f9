/**
 * `check --format github`: GitHub Actions workflow commands, which the runner turns into
 * annotations on the pull request. Escaping follows @actions/core's `escapeData` (message:
 * `%`, CR, LF) and `escapeProperty` (also `:` and `,`), so a message can never end the command
 * early or smuggle in another one.
 */
import type { CheckFinding, Severity } from "./check-types.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export function formatGithub(findings: readonly CheckFinding[], mask: (s: string) => string): string {
  return findings.map((f) => `${annotation(f, mask)}\n`).join("");
}

function annotation(f: CheckFinding, mask: (s: string) => string): string {
  const props: [string, string | number | undefined][] = [
    ["file", f.file],
    ["line", f.line],
    ["col", f.column],
    ["endLine", f.endLine],
    ["endColumn", f.endColumn],
    ["title", `compose-gate ${f.ruleId}`],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  const fix = f.fix ? ` (fix: compose-gate transform --only ${f.fix})` : "";
  return `::${COMMAND[f.severity]} ${list.join(",")}::${escapeData(mask(f.message) + fix)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
