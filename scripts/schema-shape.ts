/**
 * `npm run schema:shape`: regenerate src/schema/shape-table.ts (the kinds each place of a compose
 * file allows) from the zod schema. A test fails when the committed table is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildShapeTable, shapeTableModule } from "../src/schema/shape-source.js";

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src/schema/shape-table.ts");
writeFileSync(file, shapeTableModule(buildShapeTable()));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
