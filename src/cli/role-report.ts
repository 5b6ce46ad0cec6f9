/**
 * The roles compose-gate gave the files of a run, printed on stderr before anything runs, so a
 * user sees which file is treated as production, which one is its companion and which ones are
 * left alone, and why, before reading a single diff.
 */
import { displayPath } from "../io/paths.js";
import type { Colors } from "../report/colors.js";
import type { RoleLine } from "./folder-roles.js";
import type { FileRole } from "./roles.js";

const LABEL: Record<FileRole, string> = {
  production: "production",
  base: "base",
  observability: "observability",
  "not-production": "not production",
  other: "other",
  config: "config",
};

/** One line per file (the last word about a file wins), aligned; empty when there is nothing to say. */
export function formatRoles(roles: readonly RoleLine[], cwd: string, c: Colors): string {
  if (roles.length === 0) return "";
  const byFile = new Map<string, RoleLine>();
  for (const line of roles) {
    byFile.delete(line.file);
    byFile.set(line.file, line);
  }
  const rows = [...byFile.values()].map((r) => ({ file: displayPath(r.file, cwd), label: LABEL[r.role], role: r.role, reason: r.reason }));
  const fileWidth = Math.max(...rows.map((r) => r.file.length));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const paint = (role: FileRole, text: string) => (role === "production" ? c.green(text) : role === "observability" ? c.cyan(text) : c.dim(text));
  const lines = rows.map((r) => `  ${r.file.padEnd(fileWidth)}  ${paint(r.role, r.label.padEnd(labelWidth))}  ${r.reason}`.trimEnd());
  return `${c.bold("roles")} ${c.dim("(by file name; docs/cli.md#roles)")}\n${lines.join("\n")}\n`;
}
