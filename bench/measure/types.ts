import type { Row } from "../table.js";

export interface Settings {
  /** Fewer runs, for a quick look; the figures are noisier. */
  quick: boolean;
}

export interface Result {
  rows: Row[];
  /** Lines printed under the table (what was measured on, module lists). */
  notes: string[];
}

export interface Measurement {
  name: string;
  run(settings: Settings): Promise<Result> | Result;
}
