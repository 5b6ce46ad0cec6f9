/**
 * `check --format sarif`: a SARIF 2.1.0 log (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
 * for GitHub code scanning and other viewers. Rules carry their metadata, results their
 * location, suppressions from the config (as `suppressions`, so viewers show them as accepted)
 * and, where a transform resolves the finding, a `fix` holding that transform's edits.
 */
import { pathToFileURL } from "node:url";
import type { CheckFinding, RuleInfo, Severity, SuppressedFinding } from "./check-types.js";
import { replacementsFor, type Replacement } from "./sarif-fixes.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT = "SRCROOT";
const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** One file's part of a fix: its content before and after the fix transform ran. */
export interface FixChange {
  file: string;
  before: string;
  after: string;
}

export interface FixInfo {
  transform: string;
  changes: FixChange[];
  /** Extra files the transform would also create (named in the fix description). */
  createdFiles: string[];
}

export interface SarifInput {
  findings: readonly CheckFinding[];
  suppressed: readonly SuppressedFinding[];
  rules: readonly RuleInfo[];
  version: string;
  cwd: string;
  /** The fix for a finding, when its transform changes something. */
  fixFor: (finding: CheckFinding) => FixInfo | undefined;
  /** Messages of inputs that could not be checked. */
  errors: readonly string[];
  mask: (s: string) => string;
}

/**
 * Replacements all results may carry together. One transform's fix is attached to every
 * finding it resolves, so a stack of thousands of services would repeat a fix of thousands of
 * replacements thousands of times; past this budget results carry no `fixes`. 20 000 keeps the
 * log of the largest stack compose-gate reads near 20 MB (it was 90 MB, and 1.2 GB of memory,
 * at 100 000), and still gives a fix to every finding of any stack a person reviews.
 */
export const MAX_FIX_REPLACEMENTS = 20_000;

export function formatSarif(input: SarifInput): string {
  const rules = ruleList(input);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const fixes = fixRenderer(input);
  const results = [
    ...input.findings.map((f) => result(f, index, input, undefined, fixes)),
    ...input.suppressed.map((f) => result(f, index, input, f.reason, fixes)),
  ];
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "compose-gate",
            version: input.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(input.cwd).href.replace(/\/?$/, "/")}` } },
        invocations: [invocation(input)],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Every registered rule, plus any rule id a finding uses that the registry does not list. */
function ruleList(input: SarifInput): RuleInfo[] {
  const rules = [...input.rules];
  for (const f of [...input.findings, ...input.suppressed]) {
    if (!rules.some((r) => r.id === f.ruleId)) rules.push({ id: f.ruleId, severity: f.severity, summary: f.ruleId, description: f.ruleId });
  }
  return rules;
}

function ruleDescriptor(rule: RuleInfo) {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    help: { text: rule.fix ? `${rule.description}\n\nFix: compose-gate transform --only ${rule.fix}` : rule.description },
    ...(rule.fix ? { properties: { fix: rule.fix } } : {}),
  };
}

type SarifFix = NonNullable<ReturnType<typeof sarifFix>>;

/** Each fix diffed once, however many findings share it, and handed out within the budget. */
function fixRenderer(input: SarifInput): (fix: FixInfo) => SarifFix | undefined {
  const rendered = new Map<FixInfo, SarifFix | undefined>();
  let budget = MAX_FIX_REPLACEMENTS;
  return (fix) => {
    if (!rendered.has(fix)) rendered.set(fix, sarifFix(fix, input.mask));
    const sarif = rendered.get(fix);
    const size = sarif?.artifactChanges.reduce((n, c) => n + c.replacements.length, 0) ?? 0;
    if (size > budget) return undefined;
    budget -= size;
    return sarif;
  };
}

function result(f: CheckFinding, index: Map<string, number>, input: SarifInput, suppressedBecause: string | undefined, render: (fix: FixInfo) => SarifFix | undefined) {
  const fix = suppressedBecause === undefined ? input.fixFor(f) : undefined;
  const fixes = fix ? render(fix) : undefined;
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: input.mask(f.message) },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: findingRegion(f) } }],
    ...(fixes ? { fixes: [fixes] } : {}),
    ...(suppressedBecause !== undefined ? { suppressions: [{ kind: "external", justification: input.mask(suppressedBecause) }] } : {}),
    ...(f.service ? { properties: { service: f.service } } : {}),
  };
}

function findingRegion(f: CheckFinding) {
  return {
    startLine: f.line,
    startColumn: f.column,
    ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
    ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
  };
}

function artifact(file: string) {
  return { uri: file.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/**
 * The SARIF form of a fix, or undefined when it cannot be shown safely: a replacement whose
 * inserted text contains a secret value is dropped with its whole fix (half a fix is wrong).
 */
function sarifFix(fix: FixInfo, mask: (s: string) => string) {
  const artifactChanges = fix.changes
    .map((c) => ({ artifactLocation: artifact(c.file), replacements: replacementsFor(c.before, c.after) }))
    .filter((c) => c.replacements.length > 0);
  if (artifactChanges.length === 0) return undefined;
  if (artifactChanges.some((c) => c.replacements.some((r: Replacement) => mask(r.insertedContent.text) !== r.insertedContent.text))) return undefined;
  const also = fix.createdFiles.length ? `; it also creates ${fix.createdFiles.join(", ")}` : "";
  return { description: { text: `compose-gate transform --only ${fix.transform}${also}` }, artifactChanges };
}

function invocation(input: SarifInput) {
  return {
    executionSuccessful: input.errors.length === 0,
    ...(input.errors.length
      ? { toolExecutionNotifications: input.errors.map((e) => ({ level: "error", message: { text: input.mask(e) } })) }
      : {}),
  };
}
