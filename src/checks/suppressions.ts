/**
 * Suppressions: a finding the team has accepted stays visible, set apart with the reason the
 * team gave. A suppression names a rule (or a namespace, `swarm/*`) and optionally a service;
 * without a reason it is refused, because an unexplained exception is how gate items get lost.
 */
import { createRequire } from "node:module";
import type { CheckFinding, Suppression } from "./types.js";

/**
 * The configuration shape of one suppression. Built on first use: `check` runs without any
 * suppression far more often than with one, and zod is a large part of what a run would load.
 * (zod ships CommonJS too, so it can be loaded here without making the caller async.)
 */
export function suppressionSchema() {
  const { z } = createRequire(import.meta.url)("zod") as typeof import("zod");
  return z
    .object({
      rule: z.string().min(1).describe("A rule id (`security/privileged`) or a namespace pattern (`swarm/*`)"),
      service: z.string().min(1).optional().describe("Only findings about this service; all of the rule's findings when omitted"),
      reason: z
        .string()
        .refine((r) => r.trim().length > 0, "a suppression needs a reason")
        .describe("Why the finding is accepted; shown next to every suppressed finding"),
    })
    .strict();
}

/** Does `pattern` (an id, `ns/*` or `ns`) select the rule `id`? */
export function matchesRule(pattern: string, id: string): boolean {
  if (pattern === id) return true;
  const namespace = pattern.endsWith("/*") ? pattern.slice(0, -2) : pattern.includes("/") ? undefined : pattern;
  return namespace !== undefined && id.startsWith(`${namespace}/`);
}

/** Throws for a suppression without a reason or naming no known rule: a config error, not user input to skip. */
export function validateSuppressions(suppressions: readonly Suppression[], ruleIds: readonly string[]): void {
  if (suppressions.length === 0) return;
  const schema = suppressionSchema();
  suppressions.forEach((s, i) => {
    const parsed = schema.safeParse(s);
    if (!parsed.success) {
      throw new Error(`suppression ${i + 1} (${s.rule ?? "no rule"}): ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
    }
    if (!ruleIds.some((id) => matchesRule(s.rule, id))) {
      throw new Error(`suppression ${i + 1}: no rule matches "${s.rule}"`);
    }
  });
}

function applies(s: Suppression, finding: CheckFinding): boolean {
  if (!matchesRule(s.rule, finding.ruleId)) return false;
  return s.service === undefined || s.service === finding.service;
}

/** Split findings into those still open and those suppressed (with the first matching reason). */
export function applySuppressions(
  findings: readonly CheckFinding[],
  suppressions: readonly Suppression[],
): { findings: CheckFinding[]; suppressed: (CheckFinding & { reason: string })[] } {
  const open: CheckFinding[] = [];
  const suppressed: (CheckFinding & { reason: string })[] = [];
  for (const finding of findings) {
    const match = suppressions.find((s) => applies(s, finding));
    if (match) suppressed.push({ ...finding, reason: match.reason.trim() });
    else open.push(finding);
  }
  return { findings: open, suppressed };
}
