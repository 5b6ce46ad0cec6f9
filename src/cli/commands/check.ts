/**
 * `compose-gate check`: run the checks on each stack and report in one of four formats.
 * stylish (people), json (scripts), sarif (code scanning; with fixes computed from the
 * transforms' own edits), github (workflow annotations). `--fail-on` sets the severity that
 * makes the exit code 1; suppressions from the config (each with a reason) are not counted.
 */
import path from "node:path";
import { secretMasker } from "../../secrets/mask.js";
import type { LoadedConfig } from "../../config/load.js";
import { FAIL_ON, FORMATS, type FailOn, type Format } from "../../config/choices.js";
import { Project } from "../../project/project.js";
import { SEVERITY_RANK, type CheckFinding, type SuppressedFinding } from "../../report/check-types.js";
import type { FixInfo } from "../../report/sarif.js";
import { formatStylish } from "../../report/stylish.js";
import { secretsInProject } from "../../transforms/pipeline.js";
import { listFlag, setFlags, stringOption } from "../args.js";
import { CliError, EXIT, suggest, type ExitCode } from "../errors.js";
import { printError } from "../io.js";
import { loadStack, type ReadStack } from "../load-stack.js";
import { projectFiles } from "../project-files.js";
import { isWithin, realLocation } from "../../io/project-root.js";
import { openProject } from "../project-scope.js";
import type { CliRegistry, RunChecks, SuppressionInput } from "../registry.js";
import { internalError, type CommandContext } from "../run.js";
import { DEFAULT_CHECKLIST } from "../checklist.js";
import { formatRoles } from "../role-report.js";
import { selectTransforms } from "../selection.js";
import { resolveStacks, type StackSpec } from "../stacks.js";
import type { FixCache, Located } from "../check-fixes.js";
import type { TransformOptions } from "../transform-options.js";

/** What one checked stack gave, in the order of the stacks checked (undefined: it did not load). */
interface StackResult {
  spec: StackSpec;
  stack: ReadStack;
  findings: CheckFinding[];
  suppressed: SuppressedFinding[];
}

interface Collected {
  found: Located[];
  perStack: (StackResult | undefined)[];
  suppressed: SuppressedFinding[];
  secrets: Set<string>;
  files: number;
  errors: string[];
}

export async function checkCommand(paths: string[], ctx: CommandContext): Promise<ExitCode> {
  const { out, options } = ctx;
  const cwd = out.io.cwd;
  const { config, scope } = await openProject(options, out);
  const format = oneOf(stringOption(options.format, "--format") ?? config.config.check?.format ?? "stylish", FORMATS, "--format") as Format;
  const failOn = oneOf(stringOption(options.failOn, "--fail-on") ?? config.config.check?.failOn ?? "error", FAIL_ON, "--fail-on") as FailOn;
  const sets = setFlags(options.set);
  // The transforms (and their option schemas) are loaded only when a finding names a fix, SARIF
  // asks for fixes, the checklist lists manual steps, or options are to be validated.
  const needsTransforms = format === "sarif" || format === "markdown" || sets.length > 0 || Object.keys(config.config.transforms ?? {}).length > 0;
  let registry = await ctx.loadRegistry(needsTransforms ? {} : { transforms: false });
  if (!registry.runChecks) throw new CliError("this build of compose-gate has no checks installed");
  const rules = config.config.check?.rules;
  const suppressions = config.config.check?.suppressions ?? [];
  validateRuleIds(registry, rules, suppressions);
  // Options of the fix transforms, validated up front like `transform` does.
  let transformOptions = needsTransforms ? await fixOptions(registry, config, sets, cwd) : {};
  const { stacks, errors, roles, observability } = resolveStacks({ cwd, positionals: paths, files: listFlag(options.file), edit: [], config, command: "check", scope });
  if (!out.quiet) out.io.stderr.write(formatRoles(roles, cwd, out.err));

  const checked: Checked[] = [
    ...stacks.map((spec) => ({ spec, options: { ...(rules ? { rules } : {}), suppressions } })),
    ...observability.map(({ file }) => ({ spec: { files: [file] }, options: { rules: observabilityRules(registry, rules), suppressions, fixes: false } })),
  ];
  const collected = collect(checked, registry.runChecks, cwd);
  collected.errors.unshift(...errors);
  let cache: FixCache | undefined;
  if (collected.found.some((l) => l.finding.fix)) {
    if (!needsTransforms) {
      registry = await ctx.loadRegistry({});
      transformOptions = await fixOptions(registry, config, sets, cwd);
    }
    cache = new (await import("../check-fixes.js")).FixCache(registry.transforms, transformOptions, cwd);
    cache.confirm(collected.found, registry.runChecks!, suppressions, (e) => collected.errors.push(e));
  }
  const fixes = format === "sarif" && cache ? computeFixes(collected, cache) : new Map<CheckFinding, FixInfo>();
  const mask = secretMasker(collected.secrets);
  const findings = collected.found.map((l) => l.finding);
  const failing = findings.filter((f) => failOn !== "none" && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  const shown = out.quiet ? failing : findings;
  for (const e of collected.errors) printError(out, mask(e));

  // Each format's module is loaded when it is asked for (SARIF brings the diff renderer along).
  const render = async (): Promise<string> => {
    switch (format) {
      case "json":
        return (await import("../../report/json.js")).formatJson(findings, mask);
      case "github":
        return (await import("../../report/github.js")).formatGithub(shown, mask);
      case "sarif":
        return (await import("../../report/sarif.js")).formatSarif({
          findings,
          suppressed: collected.suppressed,
          rules: registry.rules,
          version: ctx.version,
          cwd,
          errors: collected.errors,
          mask,
          fixFor: (f) => fixes.get(f),
        });
      case "markdown":
        return (await import("../checklist-markdown.js")).markdownChecklists({
          stacks: collected.perStack.slice(0, stacks.length),
          registry,
          transforms: selectTransforms(registry, { preset: config.config.preset, only: config.config.only, skip: config.config.skip }),
          transformOptions,
          checklist: checklistName(options.checklist, config.config.checklist),
          cwd,
          inProject: (file) => scope.allowOutside || isWithin(scope.root, realLocation(file)),
          mask,
          errors: collected.errors.length,
        });
      case "stylish":
        return formatStylish(
          shown,
          { files: collected.files, suppressed: collected.suppressed.length, errors: collected.errors.length, ...(cache ? { fixCommand: fixCommand(registry, config) } : {}) },
          out.out,
          mask,
        );
    }
  };
  out.io.stdout.write(await render());
  if (collected.errors.length > 0) return EXIT.error;
  return failing.length > 0 ? EXIT.findings : EXIT.ok;
}

/** A stack to check and the options it is checked with (an observability stack runs fewer rules). */
interface Checked {
  spec: StackSpec;
  options: NonNullable<Parameters<RunChecks>[1]>;
}

/**
 * The rules that apply to an observability stack checked on its own: it is deployed with
 * `docker stack deploy` like the app (swarm/*), runs containers (security/*) and may hold
 * credentials (gate/plaintext-secret); the other gate items are about the app's data and are
 * finished in the app's stack.
 */
const OBSERVABILITY_RULES = ["security/*", "swarm/*", "gate/plaintext-secret"];

function observabilityRules(registry: CliRegistry, selected: string[] | undefined): string[] {
  const matches = registry.matchesRule ?? ((pattern: string, id: string) => pattern === id);
  return registry.rules
    .map((r) => r.id)
    .filter((id) => OBSERVABILITY_RULES.some((p) => matches(p, id)) && (!selected || selected.some((p) => matches(p, id))));
}

function collect(checked: Checked[], runChecks: RunChecks, cwd: string): Collected {
  const collected: Collected = { found: [], perStack: [], suppressed: [], secrets: new Set(), files: 0, errors: [] };
  checked.forEach(({ spec, options }, stackIndex) => {
    const load = loadStack(spec, cwd);
    if (!load.ok) {
      collected.errors.push(...load.errors);
      return;
    }
    // The findings keep the stack's text only: its parsed documents (the largest thing a run
    // holds) are not needed once the checks ran, and a SARIF fix parses the text again anyway.
    const { docs, companionDocs, ...stack } = load.stack;
    collected.files += stack.files.length;
    try {
      const editable = stack.editable ? { editable: docs.filter((d) => stack.editable!.includes(d.filename)) } : {};
      const project = new Project(docs, { ...editable, companions: companionDocs });
      secretsInProject(project).forEach((s) => collected.secrets.add(s));
      const result = runChecks(project, { ...options, files: projectFiles(stack, cwd) });
      // Loops, not push(...): a large stack has more findings than a call takes arguments.
      for (const finding of result.findings) collected.found.push({ finding, stack, stackIndex });
      for (const s of result.suppressed) collected.suppressed.push(s);
      collected.perStack[stackIndex] = { spec, stack, findings: result.findings, suppressed: result.suppressed };
    } catch (error) {
      collected.errors.push(internalError(error).trimEnd());
    }
  });
  return collected;
}

async function fixOptions(registry: CliRegistry, config: LoadedConfig, sets: string[], cwd: string): Promise<TransformOptions> {
  const { buildTransformOptions, parseSetFlags } = await import("../transform-options.js");
  return buildTransformOptions(registry.transforms, {
    config: config.config.transforms,
    configName: config.file ? path.relative(cwd, config.file) || config.file : undefined,
    sets: parseSetFlags(sets),
  });
}

/** The fix of each finding that names one; a transform that fails here is reported, not fatal. */
function computeFixes(collected: Collected, cache: FixCache): Map<CheckFinding, FixInfo> {
  const fixes = new Map<CheckFinding, FixInfo>();
  for (const { finding, stack, stackIndex } of collected.found) {
    if (!finding.fix) continue;
    try {
      const fix = cache.fix(stack, stackIndex, finding.fix);
      if (fix) fixes.set(finding, fix);
    } catch (error) {
      collected.errors.push(`${finding.fix} failed while computing a SARIF fix: ${internalError(error).trimEnd()}`);
      return fixes;
    }
  }
  return fixes;
}

/**
 * The command that runs a transform: plain `compose-gate transform` for the transforms the
 * config selects (its preset, only and skip), so that count is what it fixes; `--preset <name>`
 * for one of another preset (swarm-hardening's), else `--only <id>`.
 */
function fixCommand(registry: CliRegistry, config: LoadedConfig): (transform: string) => string {
  const selected = new Set(selectTransforms(registry, { preset: config.config.preset, only: config.config.only, skip: config.config.skip }).map((t) => t.id));
  return (id) => {
    if (selected.has(id)) return "compose-gate transform";
    const preset = Object.entries(registry.presets).find(([, ids]) => ids.includes(id))?.[0];
    return preset ? `compose-gate transform --preset ${preset}` : `compose-gate transform --only ${id}`;
  };
}

/** The checklist whose ticks and recorded steps `--format markdown` shows: --checklist, the config's, GATE.md. */
function checklistName(flag: unknown, configured: string | false | undefined): string | false {
  return typeof flag === "string" ? flag : (configured ?? DEFAULT_CHECKLIST);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`${flag} ${value}: unknown value${suggest(value, allowed)}; allowed: ${allowed.join(", ")}`);
  }
  return value as T;
}

/** Rule ids in the config must select a rule: a misspelt suppression would silently suppress nothing. */
function validateRuleIds(registry: CliRegistry, rules: string[] | undefined, suppressions: SuppressionInput[]): void {
  const known = registry.rules.map((r) => r.id);
  const matches = registry.matchesRule ?? ((pattern: string, id: string) => pattern === id);
  const named = [...(rules ?? []).map((id) => ({ id, where: "check.rules" })), ...suppressions.map((s, i) => ({ id: s.rule, where: `check.suppressions.${i}.rule` }))];
  for (const { id, where } of named) {
    if (!known.some((k) => matches(id, k))) throw new CliError(`config ${where}: unknown check rule "${id}"${suggest(id, known)}; known: ${known.join(", ")}`);
  }
}
