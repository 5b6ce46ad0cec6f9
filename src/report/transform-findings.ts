/**
 * The findings of a transform run as people read them on stderr: grouped per stack, one line
 * each with the kind, the transform, the position and the message. A location in another file
 * of a multi-file project is written with its file name.
 */
import type { Colors } from "./colors.js";
import type { Finding } from "../transforms/types.js";

const LABEL: Record<Finding["kind"], string> = { change: "change", refusal: "refused", manual: "manual", satisfied: "ok" };

export function formatTransformFindings(stack: string, primaryFile: string, findings: readonly Finding[], c: Colors, mask: (s: string) => string): string {
  if (findings.length === 0) return "";
  const rows = findings.map((f) => ({
    kind: f.kind,
    label: LABEL[f.kind],
    transform: f.transform,
    where: where(f, primaryFile),
    message: mask(f.message),
  }));
  // A loop, not Math.max(...rows): a large stack has more findings than a call takes arguments.
  const widths = { label: 0, transform: 0, where: 0 };
  for (const r of rows) {
    widths.label = Math.max(widths.label, r.label.length);
    widths.transform = Math.max(widths.transform, r.transform.length);
    widths.where = Math.max(widths.where, r.where.length);
  }
  const messageColumn = 2 + widths.label + 2 + widths.transform + 2 + widths.where + 2;
  const lines = rows.map((r) => {
    const label = paint(r.kind, r.label.padEnd(widths.label), c);
    return `  ${label}  ${c.dim(r.transform.padEnd(widths.transform))}  ${r.where.padEnd(widths.where)}  ${indentRest(r.message, messageColumn)}`.trimEnd();
  });
  return `${c.bold(stack)}  ${c.dim(counts(findings))}\n${lines.join("\n")}\n`;
}

function where(f: Finding, primaryFile: string): string {
  if (!f.location) return "-";
  const pos = `${f.location.line}:${f.location.column}`;
  return f.location.file === primaryFile ? pos : `${f.location.file}:${pos}`;
}

function paint(kind: Finding["kind"], text: string, c: Colors): string {
  if (kind === "change") return c.green(text);
  if (kind === "refusal") return c.yellow(text);
  if (kind === "satisfied") return c.dim(text);
  return c.cyan(text);
}

/** Continuation lines of a multi-line message are indented under the first. */
function indentRest(message: string, by: number): string {
  return message.replace(/\n/g, `\n${" ".repeat(by)}`);
}

export function counts(findings: readonly Pick<Finding, "kind">[]): string {
  const n = (kind: Finding["kind"]) => findings.filter((f) => f.kind === kind).length;
  const parts = [plural(n("change"), "change"), plural(n("refusal"), "refusal"), plural(n("manual"), "manual step"), `${n("satisfied")} already done`];
  return parts.filter((p) => !p.startsWith("0 ")).join(", ");
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
