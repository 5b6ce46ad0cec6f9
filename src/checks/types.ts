/**
 * The contract of `compose-gate check`: a rule is declarative data (id, severity, summary,
 * description with its source, the transform that fixes it) plus one `run` that reads the
 * project and reports findings at paths. The engine turns paths into file:line:column, so a
 * rule never computes a position and never formats output (the CLI renders findings).
 */
import type { ComposeDocument, Path } from "../document/compose-document.js";
import type { ProjectFiles } from "../project/files.js";
import type { Project } from "../project/project.js";
import type { SecretRules } from "../secrets/detect.js";

export type Severity = "error" | "warning" | "info";

export interface CheckFinding {
  ruleId: string;
  severity: Severity;
  /** Deterministic text; never contains a secret value. */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  service?: string;
  /** The id of the transform that resolves the finding. */
  fix?: string;
}

/** What a rule hands the engine for one finding. */
export interface Report {
  /** The node the finding is about: a map key, or a list item (`["services", "web", "ports", 0]`). */
  path: Path;
  /**
   * The file to locate `path` in. Rules about what one file says (Swarm loads and rejects
   * files one by one) pass it; rules about the merged stack leave it out, and the finding is
   * placed in the file Docker takes the value from.
   */
  doc?: ComposeDocument;
  message: string;
  /** Overrides the rule's severity for this finding (a reference instead of a literal secret). */
  severity?: Severity;
  /** Defaults to the service named by `path` (`["services", <name>, …]`); null for none. */
  service?: string | null;
  /**
   * null: this finding carries no fix although its rule has one (a stack-wide finding, whose fix
   * would rewrite every service: its message names the command instead).
   */
  fix?: null;
}

export interface CheckContext {
  readonly project: Project;
  /** Extra secret-name rules from the user's configuration (shared with env-to-secrets). */
  readonly secretRules: SecretRules;
  /**
   * The project's other files (its workflows, say), when the caller gave a way to read them
   * (`CheckOptions.files`; the CLI always does). A rule that needs them and finds none treats
   * them as absent.
   */
  readonly files?: ProjectFiles;
  /** Whether findings may name a transform or command that fixes them (`CheckOptions.fixes`). */
  readonly fixes: boolean;
  report(report: Report): void;
}

export interface CheckRule {
  /** `<namespace>/<name>`: `gate/…`, `security/…` or `swarm/…`. Part of the CLI contract. */
  id: string;
  /** The severity of its findings unless a finding says otherwise. */
  severity: Severity;
  /** One line for listings. */
  summary: string;
  /** Why it matters and where that is documented (a source key of domain.md or a probe). */
  description: string;
  /** The transform that resolves the finding. */
  fix?: string;
  run(ctx: CheckContext): void;
}

/** A finding the user accepted, for a whole rule or for one service, with the reason why. */
export interface Suppression {
  /** A rule id, or a namespace pattern such as `swarm/*`. */
  rule: string;
  service?: string;
  reason: string;
}

export interface CheckOptions {
  /** Rule ids or namespace patterns (`gate/*`) to run; all rules when omitted. */
  rules?: string[];
  suppressions?: Suppression[];
  secretRules?: SecretRules;
  /** How rules read the project's other files (`CheckContext.files`). */
  files?: ProjectFiles;
  /**
   * False for a stack the transforms never edit on its own (an observability stack checked
   * alone: it is finished through its production stack): its findings name no fix and no
   * command that would not touch it. Default true.
   */
  fixes?: boolean;
}

export interface CheckResult {
  findings: CheckFinding[];
  suppressed: (CheckFinding & { reason: string })[];
}

/** Declare a rule (keeps the object literal checked against the contract). */
export function defineRule(rule: CheckRule): CheckRule {
  return rule;
}
