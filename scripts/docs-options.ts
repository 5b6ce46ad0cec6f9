/**
 * `npm run docs:options`: rewrite the generated blocks of docs/ (transform options, the
 * transform list, the check rules) from the registries. See scripts/docs/generated.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expectedDocs } from "./docs/generated.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
for (const { file, current, expected } of expectedDocs(root)) {
  if (current === expected) continue;
  writeFileSync(path.join(root, file), expected);
  console.log(`updated ${file}`);
}
