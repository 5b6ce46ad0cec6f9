/**
 * `compose-gate transform`: run the preset on each stack, print the masked diff on stdout and
 * the findings on stderr; `--write` applies each stack all-or-nothing, `--check` turns pending
 * changes into exit code 1, `--patch FILE` writes one unmasked patch for `git apply`.
 */
import path from "node:path";
import type { FileChange } from "../../diff/index.js";
import { secretMasker } from "../../secrets/mask.js";
import { displayPath } from "../../io/paths.js";
import { isWithin, realLocation } from "../../io/project-root.js";
import { ReadError } from "../../io/read.js";
import { removeStaleTempFiles, writeAllOrNothing, WriteError } from "../../io/write.js";
import type { Transform } from "../../transforms/types.js";
import { ChecklistFiles, checklistItems, checklistTarget, checkState, countFindings, DEFAULT_CHECKLIST, manualSteps, sectionKey } from "../checklist.js";
import type { CliRegistry, SuppressionInput } from "../registry.js";
import { displayPatch } from "../../report/patch.js";
import { formatTransformFindings, plural } from "../../report/transform-findings.js";
import { listFlag, setFlags, stringOption } from "../args.js";
import { CliError, EXIT, type ExitCode } from "../errors.js";
import { printError, type Output } from "../io.js";
import { patchPath, writePatchFile } from "../patch-file.js";
import { openProject, type ProjectScope } from "../project-scope.js";
import { internalError, type CommandContext } from "../run.js";
import { selectTransforms } from "../selection.js";
import { formatRoles } from "../role-report.js";
import { resolveStacks, type StackSpec } from "../stacks.js";
import { buildTransformOptions, parseSetFlags } from "../transform-options.js";
import { runStack, type StackRun } from "../transform-stack.js";

export interface Flags {
  write: boolean;
  check: boolean;
  patch?: string;
}

/** Counts across stacks, for the summary and the exit code. */
interface Tally {
  /** Inputs and stacks that could not be processed (exit code 2). */
  errors: number;
  changedFiles: number;
  written: number;
  refusals: number;
  manual: number;
}

export async function transformCommand(paths: string[], ctx: CommandContext): Promise<ExitCode> {
  const { out, options } = ctx;
  const cwd = out.io.cwd;
  const flags: Flags = { write: options.write === true, check: options.check === true, patch: stringOption(options.patch, "--patch") };
  if (flags.write && flags.check) throw new CliError("--write and --check exclude each other: --check only reports (exit 1 when changes are pending)");
  const { config, scope } = await openProject(options, out);
  const registry = await ctx.loadRegistry();
  const only = listFlag(options.only);
  const skip = listFlag(options.skip);
  const transforms = selectTransforms(registry, {
    preset: stringOption(options.preset, "--preset") ?? config.config.preset,
    only: only.length ? only : config.config.only,
    skip: skip.length ? skip : config.config.skip,
  });
  const transformOptions = buildTransformOptions(registry.transforms, {
    config: config.config.transforms,
    configName: config.file ? path.relative(cwd, config.file) || config.file : undefined,
    sets: parseSetFlags(setFlags(options.set)),
  });
  const checklistName = checklistOption(options.checklist, config.config.checklist);
  const resolved = resolveStacks({ cwd, positionals: paths, files: listFlag(options.file), edit: listFlag(options.edit), config, command: "transform", scope });
  if (!out.quiet) out.io.stderr.write(formatRoles(resolved.roles, cwd, out.err));
  const checklist = checklistName ? { name: checklistName, context: { registry, transforms, suppressions: config.config.check?.suppressions ?? [] } } : undefined;
  return processStacks(out, resolved, transforms, transformOptions, flags, { scope, ...(checklist ? { checklist } : {}) });
}

/** Where a run may write (the project scope) and the gate checklist it keeps, if any. */
export interface RunPlace {
  scope: ProjectScope;
  checklist?: { name: string; context: ChecklistContext };
}

/**
 * Run `transforms` on every stack: print each diff and its findings, write with `--write`,
 * collect `--patch`, summarize, and give the exit code. Shared by the commands that edit stacks.
 */
export function processStacks(
  out: Output,
  { stacks, errors }: ReturnType<typeof resolveStacks>,
  transforms: Parameters<typeof runStack>[1],
  transformOptions: Parameters<typeof runStack>[2],
  flags: Flags,
  { scope, checklist }: RunPlace,
): ExitCode {
  const cwd = out.io.cwd;
  const checklistName = checklist?.name;
  const checklists = checklist ? new ChecklistFiles(cwd) : undefined;
  const tally: Tally = { errors: errors.length, changedFiles: 0, written: 0, refusals: 0, manual: 0 };
  for (const message of errors) printError(out, message);
  const patchChanges: FileChange[] = [];
  const patchSecrets = new Set<string>();
  const claimed = new Map<string, string>();
  // Every file the run reads or writes, where it really is (links followed, also in the folders
  // of files still to be created): a --patch FILE naming one of them is refused, before anything is written.
  const touched = new Set(stacks.flatMap((spec) => [...spec.files, ...Object.values(spec.companions ?? {})].map(realLocation)));
  if (checklistName) stacks.forEach((spec) => touched.add(realLocation(checklistTarget(spec.files, checklistName))));
  const patchTarget = flags.patch === undefined ? undefined : patchPath(flags.patch, cwd, touched);
  if (patchTarget && "refused" in patchTarget) throw new CliError(patchTarget.refused);
  for (const spec of stacks) {
    const run = safely(() => runStack(spec, transforms, transformOptions, cwd, scope, claimed), spec.files.map((f) => displayPath(f, cwd)).join(" + "));
    run.writes.forEach((w) => touched.add(realLocation(w.path)));
    if (flags.write) removeStale([...spec.files, ...run.writes.map((w) => w.path)], out);
    if (!report(run, out, flags, tally)) continue;
    patchChanges.push(...run.changes);
    run.secrets.forEach((s) => patchSecrets.add(s));
    if (checklists && checklist) addChecklist(checklists, checklist.name, spec, run, { ...checklist.context, scope }, out, tally);
  }
  if (checklists) patchChanges.push(...writeChecklists(checklists, patchSecrets, out, flags, tally));
  if (flags.patch) writePatch(flags.patch, patchChanges, patchSecrets, touched, out, tally);
  summarize(out, flags, tally, stacks.length);
  if (tally.errors > 0) return EXIT.error;
  return flags.check && tally.changedFiles > 0 ? EXIT.findings : EXIT.ok;
}

/** `--checklist FILE`, `--no-checklist`, else the config's `checklist`, else GATE.md; false for none. */
function checklistOption(flag: unknown, configured: string | false | undefined): string | false {
  if (flag === false) return false;
  const name = typeof flag === "string" ? flag : (configured ?? DEFAULT_CHECKLIST);
  if (name !== false && path.isAbsolute(name)) throw new CliError(`--checklist ${name}: give a path relative to each stack's folder`);
  return name;
}

interface ChecklistContext {
  registry: CliRegistry;
  transforms: Transform[];
  suppressions: SuppressionInput[];
}

/** The stack's section of its checklist: gate items as the run leaves the files, and the run's manual steps. */
function addChecklist(checklists: ChecklistFiles, name: string, spec: StackSpec, run: StackRun, ctx: ChecklistContext & { scope: ProjectScope }, out: Output, tally: Tally): void {
  if (!run.state || !ctx.registry.runChecks) return;
  const checks = checkState(run.state, ctx.registry.runChecks, ctx.suppressions);
  if (!checks) return;
  const target = checklistTarget(spec.files, name);
  // Read and rewritten like a compose file, so held to the project like one (a GATE.md linked
  // to a file elsewhere would be printed as diff context and then appended to).
  const real = realLocation(target);
  if (!ctx.scope.allowOutside && !isWithin(ctx.scope.root, real)) {
    tally.errors += 1;
    printError(out, `${displayPath(target, out.io.cwd)}: the gate checklist is outside the project (${ctx.scope.root}, at ${real}); not read or written. Pass --allow-outside to keep it there, or --no-checklist`);
    return;
  }
  const items = countFindings(checklistItems(ctx.registry.rules, ctx.transforms), checks.findings, checks.suppressed);
  const steps = manualSteps(run.findings, ctx.transforms, secretMasker(run.secrets));
  try {
    checklists.add(target, { key: sectionKey(spec.files, target), items, steps });
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    tally.errors += 1;
    printError(out, `${error.message} (the gate checklist; --no-checklist leaves it out)`);
  }
}

/** Prints each checklist change, writes it with --write; returns the changes for --patch. */
function writeChecklists(checklists: ChecklistFiles, secrets: Set<string>, out: Output, flags: Flags, tally: Tally): FileChange[] {
  const mask = secretMasker(secrets);
  const changes: FileChange[] = [];
  for (const { change, write } of checklists.changes()) {
    if (!out.quiet) out.io.stdout.write(displayPatch([change], mask, out.out));
    tally.changedFiles += 1;
    changes.push(change);
    if (!flags.write) continue;
    try {
      writeAllOrNothing([write]);
      tally.written += 1;
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      tally.errors += 1;
      printError(out, error.message);
    }
  }
  return changes;
}

/** A bug in a transform fails its stack only: the others are still processed and reported. */
function safely(fn: () => StackRun, label: string): StackRun {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CliError) throw error;
    return { label, primary: label, errors: [internalError(error).trimEnd()], changes: [], writes: [], findings: [], secrets: [] };
  }
}

/** Prints one stack's diff and findings, writes it with --write; false when the stack failed. */
function report(run: StackRun, out: Output, flags: Flags, tally: Tally): boolean {
  const mask = secretMasker(run.secrets);
  if (run.errors.length > 0) {
    tally.errors += 1;
    run.errors.forEach((e) => printError(out, mask(e)));
    return false;
  }
  if (!out.quiet) {
    if (run.changes.length > 0) out.io.stdout.write(displayPatch(run.changes, mask, out.out));
    out.io.stderr.write(formatTransformFindings(run.label, run.primary, run.findings, out.err, mask));
  }
  tally.refusals += run.findings.filter((f) => f.kind === "refusal").length;
  tally.manual += run.findings.filter((f) => f.kind === "manual").length;
  tally.changedFiles += run.changes.length;
  if (flags.write && run.writes.length > 0) {
    try {
      writeAllOrNothing(run.writes);
      tally.written += run.writes.length;
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      tally.errors += 1;
      printError(out, error.message);
      return false;
    }
  }
  return true;
}

/** Temp files a killed earlier run left next to files this run may write; named on stderr. */
function removeStale(files: string[], out: Output): void {
  const removed = removeStaleTempFiles(files.map((f) => path.dirname(f)));
  if (removed.length > 0 && !out.quiet) {
    // Sorted: the directories are walked in whatever order the file system lists them.
    const names = removed.map((f) => displayPath(f, out.io.cwd)).sort().join(", ");
    out.io.stderr.write(`removed ${plural(removed.length, "temp file")} left by an interrupted compose-gate run: ${names}\n`);
  }
}

function writePatch(target: string, changes: FileChange[], secrets: Set<string>, touched: Set<string>, out: Output, tally: Tally): void {
  if (tally.errors > 0) {
    // A patch missing the stacks that failed would look complete to whoever applies it.
    printError(out, `--patch: ${target} not written, because some inputs could not be processed`);
    return;
  }
  const result = writePatchFile(target, out.io.cwd, changes, secrets, touched);
  if (!result.ok) {
    tally.errors += 1;
    printError(out, result.message);
  } else if (!out.quiet) {
    out.io.stderr.write(`${result.message}\n`);
  }
}

function summarize(out: Output, flags: Flags, tally: Tally, stacks: number): void {
  if (out.quiet) return;
  const c = out.err;
  const lines: string[] = [];
  if (tally.changedFiles === 0) {
    if (stacks > tally.errors) lines.push(c.green(`✔ nothing to change (${plural(stacks - tally.errors, "stack")} checked)`));
  } else if (flags.write) {
    if (tally.written > 0) lines.push(c.green(`✔ wrote ${plural(tally.written, "file")}`));
  } else {
    const what = `${plural(tally.changedFiles, "file")} would change`;
    lines.push(flags.check ? c.yellow(`✖ ${what} (--check: changes pending)`) : `${what}; review the diff above, then apply it with --write`);
  }
  if (tally.refusals + tally.manual > 0) {
    const parts = [plural(tally.refusals, "refusal"), plural(tally.manual, "manual step")].filter((p) => !p.startsWith("0 "));
    lines.push(c.yellow(`! ${parts.join(" and ")} above ${tally.refusals + tally.manual === 1 ? "needs" : "need"} attention`));
  }
  if (tally.errors > 0) lines.push(c.red(`✖ ${plural(tally.errors, "input")} could not be processed (see the errors above)`));
  if (lines.length) out.io.stderr.write(`${lines.join("\n")}\n`);
}
