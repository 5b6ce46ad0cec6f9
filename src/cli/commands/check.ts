/**
 * `compose-gate check`: run the checks on each stack and report in one of four formats.
 * stylish (people), json (scripts), sarif (code scanning; with fixes computed from the
 * transforms' own edits), github (workflow annotations). `--fail-on` sets the severity that
 * makes the exit code 1; suppressions from the config (each with a reason) are not counted.
 */
import path from "node:path";
import { secretMasker } from "../../diff/mask.js";
import { loadConfig, type LoadedConfig } from "../../config/load.js";
import { FAIL_ON, FORMATS, type FailOn, type Format } from "../../config/choices.js";
import { Project } from "../../project/project.js";
import { SEVERITY_RANK, type CheckFinding, type SuppressedFinding } from "../../report/check-types.js";
import type { FixInfo } from "../../report/sarif.js";
import { formatStylish } from "../../report/stylish.js";
import { secretsInProject } from "../../transforms/pipeline.js";
import { listFlag, stringOption } from "../args.js";
import { CliError, EXIT, suggest, type ExitCode } from "../errors.js";
import { printError } from "../io.js";
import { loadStack, type LoadedStack } from "../load-stack.js";
import type { CliRegistry, RunChecks, SuppressionInput } from "../registry.js";
import { internalError, type CommandContext } from "../run.js";
import { resolveStacks, type StackSpec } from "../stacks.js";
import type { FixCache, Located } from "../check-fixes.js";
import type { TransformOptions } from "../transform-options.js";

interface Collected {
  found: Located[];
  suppressed: SuppressedFinding[];
  secrets: Set<string>;
  files: number;
  errors: string[];
}

export async function checkCommand(paths: string[], ctx: CommandContext): Promise<ExitCode> {
  const { out, options } = ctx;
  const cwd = out.io.cwd;
  const config = await loadConfig(cwd, stringOption(options.config, "--config"));
  const format = oneOf(stringOption(options.format, "--format") ?? config.config.check?.format ?? "stylish", FORMATS, "--format") as Format;
  const failOn = oneOf(stringOption(options.failOn, "--fail-on") ?? config.config.check?.failOn ?? "error", FAIL_ON, "--fail-on") as FailOn;
  const sets = listFlag(options.set);
  // The transforms (and their option schemas) are loaded only when a finding names a fix, SARIF
  // asks for fixes, or options are to be validated.
  const needsTransforms = format === "sarif" || sets.length > 0 || Object.keys(config.config.transforms ?? {}).length > 0;
  let registry = await ctx.loadRegistry(needsTransforms ? {} : { transforms: false });
  if (!registry.runChecks) throw new CliError("this build of compose-gate has no checks installed");
  const rules = config.config.check?.rules;
  const suppressions = config.config.check?.suppressions ?? [];
  validateRuleIds(registry, rules, suppressions);
  // Options of the fix transforms, validated up front like `transform` does.
  let transformOptions = needsTransforms ? await fixOptions(registry, config, sets, cwd) : {};
  const { stacks, errors } = resolveStacks({ cwd, positionals: paths, files: listFlag(options.file), edit: [], config });

  const collected = collect(stacks, registry.runChecks, { ...(rules ? { rules } : {}), suppressions }, cwd);
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
      case "stylish":
        return formatStylish(shown, { files: collected.files, suppressed: collected.suppressed.length }, out.out, mask);
    }
  };
  out.io.stdout.write(await render());
  if (collected.errors.length > 0) return EXIT.error;
  return failing.length > 0 ? EXIT.findings : EXIT.ok;
}

function collect(stacks: StackSpec[], runChecks: RunChecks, options: Parameters<RunChecks>[1], cwd: string): Collected {
  const collected: Collected = { found: [], suppressed: [], secrets: new Set(), files: 0, errors: [] };
  stacks.forEach((spec, stackIndex) => {
    const load = loadStack(spec, cwd);
    if (!load.ok) {
      collected.errors.push(...load.errors);
      return;
    }
    const { stack } = load;
    collected.files += stack.files.length;
    try {
      const editable = stack.editable ? { editable: stack.docs.filter((d) => stack.editable!.includes(d.filename)) } : {};
      const project = new Project(stack.docs, { ...editable, companions: stack.companionDocs });
      secretsInProject(project).forEach((s) => collected.secrets.add(s));
      const result = runChecks(project, options);
      collected.found.push(...result.findings.map((finding) => ({ finding, stack, stackIndex })));
      collected.suppressed.push(...result.suppressed);
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
