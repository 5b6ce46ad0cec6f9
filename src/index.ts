/**
 * compose-gate's public API. The document layer reads and edits compose files losslessly;
 * transforms and checks build on it; the diff module renders reviewable patches.
 */
export { ComposeDocument, parseCompose } from "./document/compose-document.js";
export type {
  AnchorUse,
  DeleteOptions,
  EditOptions,
  FileStyle,
  Key,
  Location,
  ParseOptions,
  Path,
  SharedPolicy,
} from "./document/compose-document.js";
export type { EnvEntry } from "./document/environment.js";
export { ComposeSyntaxError, EditError, formatDiagnostic } from "./document/errors.js";
export type { Diagnostic, EditCode, SyntaxCode } from "./document/errors.js";

export { Project } from "./project/project.js";
export type { CompanionRole, Placement, ProjectOptions } from "./project/project.js";
export type { ProjectFiles } from "./project/files.js";

export { OptionsError, parseOptions, runTransforms } from "./transforms/pipeline.js";
export type { CompanionSource, FileResult, RunOptions, RunResult, SourceFile } from "./transforms/pipeline.js";
export { getTransform, PRESETS, TRANSFORMS } from "./transforms/registry.js";
export { defineTransform } from "./transforms/types.js";
export type { ExtraFile, FileBase, Finding, FindingKind, Transform, TransformContext } from "./transforms/types.js";

export { RULES, runChecks, selectRules, defineRule } from "./checks/index.js";
export type { CheckFinding, CheckOptions, CheckResult, CheckRule, Severity, Suppression } from "./checks/index.js";

export { colorize, diffStats, renderPatch, unifiedDiff } from "./diff/index.js";
export type { DiffOptions, FileChange, MaskedLine } from "./diff/index.js";
export { MASK, secretMasker } from "./secrets/mask.js";
export type { SecretMask } from "./secrets/mask.js";
export { locateSecrets } from "./secrets/locate.js";
export type { LocatedSecrets } from "./secrets/locate.js";

export { validateCompose } from "./schema/index.js";
export type { SchemaProblem, ValidationSource } from "./schema/index.js";
export * as schema from "./schema/compose.js";

export { defaultOf, hasInterpolation, isBareReference, swarmIncompatibilities, tokenize, variablesIn } from "./interpolation/index.js";

export { classifyValue, isSecretName, literalSecretsIn } from "./secrets/detect.js";
export type { SecretRules } from "./secrets/detect.js";

export { planSecretsCodemod } from "./codemod/plan.js";
export type { CodemodFinding, CodemodPlan, CodemodRequest } from "./codemod/plan.js";
export { writeAllOrNothing, WriteError } from "./io/write.js";
export type { PlannedWrite, WriteErrorCode } from "./io/write.js";
