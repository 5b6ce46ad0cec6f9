// Plan the `codemod secrets` rewrite of the Busflow functions and print its diff; with --write,
// apply it the way the CLI does (every file or none). ts-morph loads only once a file needs parsing.
// Usage: node codemod-busflow.mjs [--write]
import { fileURLToPath } from "node:url";
import { planSecretsCodemod, renderPatch, writeAllOrNothing } from "compose-gate";

const busflow = fileURLToPath(new URL("../busflow/", import.meta.url));
const plan = planSecretsCodemod({
  cwd: busflow,
  src: ["functions/src"],
  variables: ["STRIPE_SECRET_KEY", "WEBHOOK_SIGNING_SECRET"],
});

if (plan.errors.length > 0) {
  for (const error of plan.errors) console.error(error);
  process.exit(2);
}
process.stdout.write(renderPatch(plan.changes));
for (const f of plan.findings) console.error(`${f.file}:${f.line}:${f.column} ${f.message}`);
if (process.argv.includes("--write")) writeAllOrNothing(plan.writes);
