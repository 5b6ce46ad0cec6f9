// Run the gate checks on the Busflow example stack, as `compose-gate check --format json` does.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCompose, Project, runChecks } from "compose-gate";

const file = fileURLToPath(new URL("../busflow/docker-compose.production.yml", import.meta.url));
const doc = parseCompose(readFileSync(file, "utf8"), { filename: "docker-compose.production.yml" });

const { findings } = runChecks(new Project([doc]), { rules: ["gate/*"] });
for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
process.exitCode = findings.some((f) => f.severity === "error") ? 1 : 0;
