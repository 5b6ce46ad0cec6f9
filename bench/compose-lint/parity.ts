/**
 * Parity with compose-lint on its own fixture suite: for each family of rules both tools have,
 * how many of the services compose-lint flags `check` finds (recall), and how many of `check`'s
 * findings fall on services compose-lint leaves alone (extra). compose-lint's answer is its own
 * run on the same files (`--format json`), so the comparison needs no copy of its expectations.
 *
 *   tsx bench/compose-lint/parity.ts      (COMPOSE_LINT_SRC=<checkout>, see install.ts)
 *
 * Deliberate disagreements are documented in docs/checks.md ("Compared with compose-lint").
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runChecks, type CheckFinding } from "../../src/checks/index.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { ComposeSyntaxError } from "../../src/document/errors.js";
import { Project } from "../../src/project/project.js";
import { composeLint, composeLintSource } from "./install.js";

export interface Family {
  name: string;
  /** compose-lint rule ids. */
  theirs: string[];
  /** compose-gate rule ids, and which of their findings count (literal secrets only, for one). */
  ours: string[];
  counts?: (f: CheckFinding) => boolean;
}

export const FAMILIES: Family[] = [
  { name: "docker socket and host mounts", theirs: ["CL-0001", "CL-0013", "CL-0025"], ours: ["security/docker-socket", "security/host-mount"] },
  { name: "unpinned images", theirs: ["CL-0004"], ours: ["security/unpinned-image"] },
  { name: "dangerous capabilities", theirs: ["CL-0011", "CL-0024", "CL-0027", "CL-0028", "CL-0029", "CL-0030"], ours: ["security/cap-add"] },
  { name: "resource limits", theirs: ["CL-0026"], ours: ["swarm/resource-limits"] },
  { name: "ports on all interfaces", theirs: ["CL-0005"], ours: ["security/port-all-interfaces"] },
  { name: "privileged", theirs: ["CL-0002"], ours: ["security/privileged"] },
  // compose-gate also warns on ${VAR} references (gate item 2); compose-lint reports literals only.
  { name: "literal credentials", theirs: ["CL-0020", "CL-0021"], ours: ["gate/plaintext-secret"], counts: (f) => f.severity === "error" },
];

export interface FamilyResult {
  name: string;
  /** Services (file:service) compose-lint flags. */
  theirs: number;
  found: number;
  ours: number;
  extra: string[];
  missed: string[];
}

export interface Parity {
  files: number;
  families: FamilyResult[];
  /** Invalid fixtures and what compose-gate did with each. */
  invalid: { file: string; error: boolean }[];
}

/**
 * file:service keys of compose-gate's findings for a family. A stack-wide finding (at
 * `services:`, no service) is made only when every service lacks the setting
 * (src/checks/shared/absence.ts), so it covers every service of the file.
 */
function oursFor(file: string, findings: CheckFinding[], family: Family, services: string[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (!family.ours.includes(f.ruleId) || (family.counts && !family.counts(f))) continue;
    if (f.service) out.add(`${file}:${f.service}`);
    else for (const s of services) out.add(`${file}:${s}`);
  }
  return out;
}

export function runParity(): Parity | { skipped: string } {
  const src = composeLintSource();
  if (!src) return { skipped: "compose-lint's fixtures not found (set COMPOSE_LINT_SRC to a checkout of tmatens/compose-lint)" };
  const lint = composeLint();
  if (!lint.ok) return { skipped: lint.why };
  const dir = path.join(src, "tests/compose_files");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();
  const theirs = new Map<string, Set<string>>(FAMILIES.map((f) => [f.name, new Set()]));
  const ours = new Map<string, Set<string>>(FAMILIES.map((f) => [f.name, new Set()]));
  const invalid: Parity["invalid"] = [];
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const run = spawnSync(lint.bin, ["--format", "json", "--fail-on", "critical", file], { cwd: dir, encoding: "utf8" });
    const report = run.stdout.trim() ? (JSON.parse(run.stdout) as { findings: { rule_id: string; service?: string }[] }) : { findings: [] };
    for (const fam of FAMILIES) {
      for (const f of report.findings) if (fam.theirs.includes(f.rule_id) && f.service) theirs.get(fam.name)!.add(`${file}:${f.service}`);
    }
    if (file.startsWith("invalid_")) {
      invalid.push({ file, error: gateRejects(file, text) });
      continue;
    }
    let project: Project;
    try {
      project = new Project([parseCompose(text, { filename: file })]);
    } catch (error) {
      if (error instanceof ComposeSyntaxError) continue;
      throw error;
    }
    const findings = runChecks(project).findings;
    for (const fam of FAMILIES) for (const key of oursFor(file, findings, fam, project.services())) ours.get(fam.name)!.add(key);
  }
  const families = FAMILIES.map((fam) => {
    const t = theirs.get(fam.name)!;
    const o = ours.get(fam.name)!;
    return {
      name: fam.name,
      theirs: t.size,
      found: [...t].filter((k) => o.has(k)).length,
      ours: o.size,
      extra: [...o].filter((k) => !t.has(k)),
      missed: [...t].filter((k) => !o.has(k)),
    };
  });
  return { files: files.length, families, invalid };
}

/** An invalid fixture must stop compose-gate: a parse error (exit 2) or an error finding. */
function gateRejects(file: string, text: string): boolean {
  try {
    return runChecks(new Project([parseCompose(text, { filename: file })])).findings.some((f) => f.severity === "error");
  } catch (error) {
    if (error instanceof ComposeSyntaxError) return true;
    throw error;
  }
}

export function renderParity(p: Parity): string {
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((n / d) * 100).toFixed(0)} %`);
  const lines = [
    `compose-lint fixtures: ${p.files} files`,
    "| family | compose-lint flags | compose-gate finds | recall | compose-gate flags | extra |",
    "| --- | --- | --- | --- | --- | --- |",
    ...p.families.map((f) => `| ${f.name} | ${f.theirs} | ${f.found} | ${pct(f.found, f.theirs)} | ${f.ours} | ${f.extra.length} (${pct(f.extra.length, f.ours)}) |`),
    `invalid fixtures stopped: ${p.invalid.filter((i) => i.error).length} of ${p.invalid.length}`,
  ];
  for (const f of p.families) {
    if (f.missed.length) lines.push(`missed (${f.name}): ${f.missed.join(", ")}`);
    if (f.extra.length) lines.push(`extra (${f.name}): ${f.extra.join(", ")}`);
  }
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runParity();
  if ("skipped" in result) {
    console.error(`parity: skipped: ${result.skipped}`);
  } else {
    console.log(renderParity(result));
  }
}
