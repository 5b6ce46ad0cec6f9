/**
 * `compose-gate codemod secrets`: rewrite the application's reads of the named variables so
 * they also accept `<NAME>_FILE` (see docs/codemod.md). Like `transform`: the diff on stdout,
 * what was reported on stderr, `--write` applies every file or none, `--check` turns pending
 * changes into exit code 1. The codemod's modules (and with them ts-morph) load only here.
 */
import path from "node:path";
import { displayPatch } from "../../report/patch.js";
import { formatCodemodFindings } from "../../report/codemod-findings.js";
import { plural } from "../../report/transform-findings.js";
import { writeAllOrNothing, WriteError } from "../../io/write.js";
import { findProjectRoot } from "../../io/project-root.js";
import { ReadError } from "../../io/read.js";
import { validateVariables } from "../../codemod/names.js";
import { planSecretsCodemod, type CodemodPlan } from "../../codemod/plan.js";
import { listFlag, pathListFlag, stringOption } from "../args.js";
import { CliError, EXIT, suggest, type ExitCode } from "../errors.js";
import { printError, type Output } from "../io.js";
import type { CommandContext } from "../run.js";

const CODEMODS = ["secrets"];

interface Flags {
  write: boolean;
  check: boolean;
}

export async function codemodCommand(name: string, ctx: CommandContext): Promise<ExitCode> {
  const { out, options } = ctx;
  if (!CODEMODS.includes(name)) throw new CliError(`unknown codemod "${name}"${suggest(name, CODEMODS)}; codemods: ${CODEMODS.join(", ")}`);
  const flags: Flags = { write: options.write === true, check: options.check === true };
  if (flags.write && flags.check) throw new CliError("--write and --check exclude each other: --check only reports (exit 1 when changes are pending)");
  const variables = await collectVariables(options, out);
  if (variables.length === 0) return EXIT.ok;
  const src = pathListFlag(options.src);
  const root = options.allowOutside === true ? undefined : findProjectRoot(out.io.cwd);
  const plan = planSecretsCodemod({ cwd: out.io.cwd, src: src.length > 0 ? src : ["."], variables, helper: stringOption(options.helper, "--helper"), root });
  return report(plan, out, flags);
}

/** `--vars` and the variables of `--from-report`; an empty list (after saying why) when there is nothing to do. */
async function collectVariables(options: Record<string, unknown>, out: Output): Promise<string[]> {
  const given = listFlag(options.vars);
  const reportFile = stringOption(options.fromReport, "--from-report");
  const services = listFlag(options.service);
  if (services.length > 0 && !reportFile) throw new CliError("--service selects findings of --from-report; give the report too");
  if (!reportFile && given.length === 0) throw new CliError("name the variables to rewrite with --vars A,B or take them from a report with --from-report FILE");
  const fromReport = reportFile ? await reportVariables(reportFile, services, out) : [];
  try {
    const variables = validateVariables([...given, ...fromReport]);
    if (variables.length === 0 && !out.quiet) out.io.stderr.write(`nothing to rewrite: ${reportFile} has no gate/plaintext-secret finding whose variable a codemod can help with${services.length ? ` for ${services.join(", ")}` : ""}\n`);
    return variables;
  } catch (error) {
    throw new CliError(`--vars: ${(error as Error).message}`);
  }
}

async function reportVariables(file: string, services: string[], out: Output): Promise<string[]> {
  // Loaded only with --from-report: it brings the config reader (and yaml) along.
  const { variablesFromReport, ReportError } = await import("../../codemod/from-report.js");
  try {
    const result = variablesFromReport(path.resolve(out.io.cwd, file), file, services);
    if (result.skipped.length > 0 && !out.quiet) {
      out.io.stderr.write(`${file}: ${result.skipped.join(", ")} ${result.skipped.length === 1 ? "is not a name" : "are not names"} a program reads as process.env.NAME; left out\n`);
    }
    return result.variables;
  } catch (error) {
    if (error instanceof ReadError || error instanceof ReportError) throw new CliError(error.message);
    throw error;
  }
}

function report(plan: CodemodPlan, out: Output, flags: Flags): ExitCode {
  plan.errors.forEach((e) => printError(out, e));
  if (!out.quiet) {
    if (plan.changes.length > 0) out.io.stdout.write(displayPatch(plan.changes, (line) => line, out.out));
    out.io.stderr.write(formatCodemodFindings(plan.findings, out.err));
  }
  let written = 0;
  let failed = plan.errors.length > 0;
  if (flags.write && !failed && plan.writes.length > 0) {
    try {
      writeAllOrNothing(plan.writes);
      written = plan.writes.length;
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      printError(out, error.message);
      failed = true;
    }
  }
  summarize(plan, out, flags, written, failed);
  if (failed) return EXIT.error;
  return flags.check && plan.changes.length > 0 ? EXIT.findings : EXIT.ok;
}

function summarize(plan: CodemodPlan, out: Output, flags: Flags, written: number, failed: boolean): void {
  if (out.quiet) return;
  const c = out.err;
  const lines: string[] = [];
  const reads = plural(plan.reads, "read");
  if (failed) {
    lines.push(c.red(`✖ nothing was written: ${plural(plan.errors.length || 1, "problem")} above must be fixed first`));
  } else if (plan.changes.length === 0) {
    lines.push(c.green(`✔ nothing to change (${plural(plan.scanned, "file")} scanned, ${plan.parsed} parsed)`));
  } else if (flags.write) {
    lines.push(c.green(`✔ wrote ${plural(written, "file")} (${reads} rewritten)`));
  } else {
    const what = `${plural(plan.changes.length, "file")} would change (${reads} rewritten)`;
    lines.push(flags.check ? c.yellow(`✖ ${what} (--check: changes pending)`) : `${what}; review the diff above, then apply it with --write`);
  }
  if (plan.findings.length > 0) lines.push(c.yellow(`! ${plural(plan.findings.length, "place")} above ${plan.findings.length === 1 ? "needs" : "need"} a look`));
  out.io.stderr.write(`${lines.join("\n")}\n`);
}
