/** The result table: one row per figure, aligned for a terminal and valid as Markdown. */
import type { Summary } from "./stats.js";

export type Status = "PASS" | "FAIL" | "info" | "n/a";

export interface Row {
  measurement: string;
  median: string;
  min: string;
  max: string;
  ratio: string;
  target: string;
  status: Status;
}

export const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
export const times = (x: number): string => `${x.toFixed(2)}×`;
export const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A row for a timed figure. */
export function timedRow(measurement: string, s: Summary, extra: Partial<Row> & Pick<Row, "status" | "target">): Row {
  return { measurement, median: ms(s.median), min: ms(s.min), max: ms(s.max), ratio: "", ...extra };
}

/** A row for something that could not be measured here, saying why. */
export function unavailableRow(measurement: string, why: string, target: string): Row {
  return { measurement, median: why, min: "", max: "", ratio: "", target, status: "n/a" };
}

export function pass(ok: boolean): Status {
  return ok ? "PASS" : "FAIL";
}

const HEADERS: Record<keyof Row, string> = { measurement: "measurement", median: "median", min: "min", max: "max", ratio: "ratio", target: "target", status: "result" };
const COLUMNS = Object.keys(HEADERS) as (keyof Row)[];

export function renderTable(rows: readonly Row[]): string {
  const cells = [COLUMNS.map((c) => HEADERS[c]), ...rows.map((r) => COLUMNS.map((c) => r[c]))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => [...line[i]].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v + " ".repeat(widths[i] - [...v].length)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}
