/**
 * What must hold for any input, checked in-process: parsing either gives back the input byte
 * for byte or throws `ComposeSyntaxError` with every diagnostic inside the input; the preset
 * and the checks never throw; the preset's output reads back, settles in one run, and its
 * masked diff and findings show no secret value; the safety net never has to catch an edit.
 */
import { CST } from "yaml";
import { runChecks } from "../../src/checks/index.js";
import { renderPatch } from "../../src/diff/index.js";
import { secretMasker } from "../../src/secrets/mask.js";
import { parseCompose, type ComposeDocument } from "../../src/document/compose-document.js";
import { ComposeSyntaxError, type Diagnostic } from "../../src/document/errors.js";
import { parseText } from "../../src/document/parse.js";
import { Project } from "../../src/project/project.js";
import { formatFinding } from "../../src/testing/golden.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { describe } from "./describe.js";
import { checkEdits, type Edit } from "./edits.js";
import { CANARY } from "./inputs.js";
import { isDistinctive, shownSecrets } from "../support/shown-secrets.js";

const preset = PRESETS["pre-first-client"].map(getTransform);

export interface Outcome {
  /** `round-trip`, or `error:<code>` for a located refusal. */
  parse: string;
  /** `changed`, `unchanged` or `refused` (some transform made no change, with a reason); absent when parse failed. */
  transform?: string;
  /** `findings` or `clean`; absent when parse failed. */
  check?: string;
  /** Broken guarantees; empty when the case passed. */
  violations: string[];
}

export interface CaseInput {
  text: string;
  filename?: string;
  edits?: readonly Edit[];
  /** The text holds planted `cnry` secrets only where compose-gate must treat them as secrets. */
  canaries?: boolean;
}

export function checkInProcess({ text, filename = "compose.yml", edits = [], canaries = false }: CaseInput): Outcome {
  const violations: string[] = [];
  let doc: ComposeDocument;
  try {
    doc = parseCompose(text, { filename });
  } catch (error) {
    const code = located(error, text, filename, violations);
    // A file that does not parse has no known secrets to mask: its messages must quote none.
    if (canaries && error instanceof ComposeSyntaxError && error.message.includes(CANARY)) violations.push(`a refusal quotes a planted secret: ${code}`);
    return { parse: `error:${code}`, violations };
  }
  const tokens = parseText(text, filename).tokens.map((t) => CST.stringify(t)).join("");
  if (tokens !== text || doc.toString() !== text) violations.push("round-trip: the printed tokens differ from the input");

  violations.push(...checkEdits(text, filename, edits));
  const transform = guarded("preset", violations, () => transformOutcome(text, filename, canaries, violations));
  const check = guarded("checks", violations, () => (runChecks(new Project([doc])).findings.length > 0 ? "findings" : "clean"));
  return { parse: "round-trip", transform, check, violations };
}

/** The diagnostic code of a syntax error, recording a violation when it is not a located one. */
function located(error: unknown, text: string, filename: string, violations: string[]): string {
  if (!(error instanceof ComposeSyntaxError)) {
    violations.push(`parse threw ${describe(error)}`);
    return "unlocated";
  }
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of error.diagnostics) {
    if (!isInside(d, lines, filename)) violations.push(`diagnostic outside the input (${lines} lines): ${JSON.stringify(d)}`);
  }
  if (error.diagnostics.length === 0) violations.push("ComposeSyntaxError without diagnostics");
  return error.diagnostics[0]?.code ?? "none";
}

function isInside(d: Diagnostic, lines: number, filename: string): boolean {
  return d.file === filename && d.message.trim() !== "" && Number.isInteger(d.line) && Number.isInteger(d.column) && d.line >= 1 && d.line <= lines && d.column >= 1;
}

function transformOutcome(text: string, filename: string, canaries: boolean, violations: string[]): string {
  const first = runTransforms([{ path: filename, text }], preset);
  const after = first.files[0].after;
  for (const f of first.findings) {
    // The pipeline's own checks caught an edit: the input is safe, but the edit layer has a bug.
    if (/please report this/.test(f.message)) violations.push(`safety net fired: ${f.message}`);
  }
  if (after !== text) {
    const second = runTransforms([{ path: filename, text: after }], preset);
    if (second.files[0].after !== after) violations.push("not idempotent: a second run of the preset changes the output again");
  }
  const leak = shownSecret(first, canaries);
  if (leak) violations.push(`secret shown: ${JSON.stringify(leak)}`);
  if (after !== text) return "changed";
  return first.findings.some((f) => f.kind === "refusal") ? "refused" : "unchanged";
}

/**
 * A secret value that survives masking in the diff or the findings, or sits in an extra file.
 * In the diff, every place a secret is written must be masked and no distinctive secret may
 * show anywhere (`shownSecrets`); the findings must show no distinctive secret; in extra files
 * (written unmasked) only planted canaries count, since a password like "postgres" also names
 * the secret that holds it.
 */
function shownSecret(result: RunResult, canaries: boolean): string | undefined {
  const changes = [
    ...result.files.map((f) => ({ path: f.path, before: f.before, after: f.after, secrets: f.secrets })),
    ...result.extras.map((e) => ({ path: e.path, before: null, after: e.content })),
  ];
  const inDiff = shownSecrets(changes, result.secrets)[0];
  if (inDiff !== undefined) return inDiff;
  const mask = secretMasker(result.secrets);
  const findings = result.findings.map((f) => mask(formatFinding(f))).join("\n");
  const leak = result.secrets.find((s) => isDistinctive(s) && findings.includes(s));
  if (leak || !canaries) return leak;
  const patch = renderPatch(changes, { mask });
  const planted = new RegExp(`${CANARY}[\\w-]*`);
  return planted.exec(`${patch}\n${findings}`)?.[0] ?? planted.exec(result.extras.map((e) => e.content).join("\n"))?.[0];
}

function guarded(what: string, violations: string[], fn: () => string): string {
  try {
    return fn();
  } catch (error) {
    violations.push(`${what} threw ${describe(error)}`);
    return "threw";
  }
}
