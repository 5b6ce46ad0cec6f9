/**
 * What the CLI can run: transforms and presets from `src/transforms/registry.ts`, check rules
 * from `src/checks/`. Loaded lazily, per command, so `--help` and `--version` stay light, and
 * injectable, so tests can run the real CLI with their own transforms.
 */
import type { ProjectFiles } from "../project/files.js";
import type { Project } from "../project/project.js";
import type { CheckFinding, RuleInfo, SuppressedFinding } from "../report/check-types.js";
import type { Transform } from "../transforms/types.js";

export interface SuppressionInput {
  rule: string;
  service?: string;
  reason: string;
}

export type RunChecks = (
  project: Project,
  options?: { rules?: string[]; suppressions?: SuppressionInput[]; files?: ProjectFiles },
) => { findings: CheckFinding[]; suppressed: SuppressedFinding[] };

export interface CliRegistry {
  transforms: readonly Transform[];
  presets: Readonly<Record<string, readonly string[]>>;
  rules: readonly RuleInfo[];
  /** Undefined when the build has no checks. */
  runChecks?: RunChecks;
  /** Whether a rule pattern from the config (`gate/minio`, `swarm/*`) selects rule `id`; default: equal ids. */
  matchesRule?: (pattern: string, id: string) => boolean;
}

/**
 * `{ transforms: false }`: the caller needs the checks only (a `check` without SARIF fixes or
 * transform options), so the transforms need not be loaded; a loader may load them anyway.
 */
export type RegistryLoader = (needs?: { transforms?: boolean }) => Promise<CliRegistry>;

export const DEFAULT_PRESET = "pre-first-client";

/** The registry compose-gate ships. */
export const loadDefaultRegistry: RegistryLoader = async (needs = {}) => {
  const checks = await import("../checks/index.js");
  const { TRANSFORMS, PRESETS } = needs.transforms === false ? { TRANSFORMS: [], PRESETS: {} } : await import("../transforms/registry.js");
  return { transforms: TRANSFORMS, presets: PRESETS, rules: checks.RULES, runChecks: checks.runChecks, matchesRule: checks.matchesRule };
};
