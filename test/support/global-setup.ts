/**
 * Runs once before the test files: the one notice a run prints when the shared real-world
 * corpus is absent (each corpus test then skips without a word of its own).
 */
import { existsSync } from "node:fs";
import { CORPUS_NOTICE, corpusDir } from "../_utils.js";

export default function setup(): void {
  if (!existsSync(corpusDir)) console.warn(CORPUS_NOTICE);
}
