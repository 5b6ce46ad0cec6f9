// Run the gate checks on the Busflow example stack, as `compose-gate check --format json` does.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCompose, Project, runChecks } from "compose-gate";

const read = (name) => readFileSync(fileURLToPath(new URL(`../busflow/${name}`, import.meta.url)), "utf8");
const doc = parseCompose(read("docker-compose.production.yml"), { filename: "docker-compose.production.yml" });
// The observability stack beside it is its companion, as the CLI finds it (gate/observability reads it).
const observability = parseCompose(read("docker-compose.observability.yml"), { filename: "docker-compose.observability.yml" });

const { findings } = runChecks(new Project([doc], { companions: new Map([["observability", observability]]) }), { rules: ["gate/*"] });
for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
process.exitCode = findings.some((f) => f.severity === "error") ? 1 : 0;
