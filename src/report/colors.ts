/** The styles reports use; picocolors' `createColors(enabled)` provides them. */
export interface Colors {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const same = (text: string) => text;

/** No styling (machine formats, tests). */
export const PLAIN: Colors = { red: same, green: same, yellow: same, cyan: same, bold: same, dim: same };
