// Run one transform on the Busflow example stack and print the diff the CLI would show.
// Usage: node diff-busflow.mjs [transform-id]   (default: node-exporter)
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getTransform, renderPatch, runTransforms, secretMasker } from "compose-gate";

const id = process.argv[2] ?? "node-exporter";
const file = fileURLToPath(new URL("../busflow/docker-compose.production.yml", import.meta.url));
const input = [{ path: "docker-compose.production.yml", text: readFileSync(file, "utf8") }];

// Transforms read the project's other files as the CLI lets them (ctx.readFile).
const readFile = (path) => {
  const url = new URL(`../busflow/${path}`, import.meta.url);
  return existsSync(url) ? readFileSync(url, "utf8") : undefined;
};
// The observability stack beside the production file is its companion, as the CLI finds it.
const companions = [{ role: "observability", path: "docker-compose.observability.yml", text: readFile("docker-compose.observability.yml") }];
const result = runTransforms(input, [getTransform(id)], { readFile, companions });

const changes = [
  ...result.files.filter((f) => f.before !== f.after),
  ...result.extras.map((extra) => ({ path: extra.path, before: null, after: extra.content, mode: extra.mode })),
];
// Mask every secret value the input holds or a transform registered: the diff is for display.
process.stdout.write(renderPatch(changes, { mask: secretMasker(result.secrets) }));
for (const f of result.findings) {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column} ` : "";
  console.error(`${f.kind}: ${where}${f.message}`);
}
