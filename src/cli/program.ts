/**
 * The command line: commands, options and examples, declared with cac. This module is loaded
 * for every invocation (including `--help`), so it imports nothing heavy; each command's code
 * is imported only when that command runs.
 */
import { cac, type CAC } from "cac";

export const COMMANDS = ["transform", "check", "secrets", "codemod", "list", "explain"] as const;
export type CommandName = (typeof COMMANDS)[number];

export const EXIT_CODES_HELP = "Exit codes: 0 ok, nothing pending · 1 changes pending (--check) or findings at --fail-on · 2 could not run";

export function buildProgram(): CAC {
  const cli = cac("compose-gate");
  cli
    .option("--config <file>", "Config file (default: compose-gate.config.{json,yaml,yml,mjs} or package.json#compose-gate, searched upward to the repository root)")
    .option("--quiet", "Print only errors (check: only findings at the --fail-on level)")
    .option("--color", "Force colours on; --no-color forces them off (default: on for terminals, off when NO_COLOR is set)")
    .option("-h, --help", "Show help")
    .option("-v, --version", "Show the version");

  const transform = cli.command("transform [...paths]", "Show the changes that make the stack production-ready; --write applies them");
  stackOptions(transform);
  transform
    .option("--edit <file>", "A -f file compose-gate may change (repeatable; default: the last -f file)", { type: [String] })
    .option("--preset <name>", "Transform preset (default: pre-first-client)")
    .option("--only <ids>", "Run only these transforms (comma-separated, repeatable)", { type: [String] })
    .option("--skip <ids>", "Skip these transforms (comma-separated, repeatable)", { type: [String] })
    .option("--set <id.option=value>", "Set a transform option; the value is JSON when it parses (a list: [\"a\",\"b\"]), else text (repeatable)", { type: [String] })
    .option("--write", "Apply the changes (atomic; all files of a stack or none)")
    .option("--check", "Change nothing; exit 1 when a change is pending (for CI)")
    .option("--patch <file>", "Also write one patch for `git apply` (NOT masked: it contains secret values it moves)")
    .option("--checklist [file]", "The gate checklist kept next to each stack (default: GATE.md); --no-checklist: none")
    .option("--no-checklist", "Do not write or update the gate checklist")
    .example("  $ compose-gate transform docker-compose.production.yml")
    .example("  $ compose-gate transform docker-compose.production.yml --write")
    .example("  $ compose-gate transform -f docker-compose.yml -f docker-compose.prod.yml --check")
    .example("  $ compose-gate transform deploy/ --only s3-external --set s3-external.bucket=busflow-files")
    .example("  $ compose-gate transform docker-compose.production.yml --patch gate.patch && git apply gate.patch");

  const check = cli.command("check [...paths]", "Report what stands between the stack and production");
  stackOptions(check);
  check
    .option("--format <format>", "stylish | json | sarif | github | markdown (default: stylish; markdown: the gate checklist)")
    .option("--checklist <file>", "With --format markdown: the checklist file whose ticks and recorded steps are kept (default: GATE.md)")
    .option("--fail-on <severity>", "Lowest severity that makes the exit code 1: error | warning | info | none (default: error)")
    .option("--set <id.option=value>", "Set an option of a fix transform (used for SARIF fixes; repeatable)", { type: [String] })
    .example("  $ compose-gate check docker-compose.production.yml")
    .example("  $ compose-gate check docker-compose.production.yml --format sarif > compose-gate.sarif")
    .example("  $ compose-gate check docker-compose.production.yml --format github --fail-on warning");

  const secrets = cli.command(
    "secrets <action> [...args]",
    "Manage the stack's Docker secrets: `secrets rotate <secret> [files…]` moves a secret to its next versioned name (postgres_password_v2, …)",
  );
  stackOptions(secrets);
  secrets
    .option("--set <id.option=value>", "Set an env-to-secrets option (script, syncWorkflow, stackName…; repeatable)", { type: [String] })
    .option("--write", "Apply the change (atomic: the compose file, the script and the workflow, or none)")
    .option("--check", "Change nothing; exit 1 when a change is pending")
    .example("  $ compose-gate secrets rotate postgres_password docker-compose.production.yml")
    .example("  $ compose-gate secrets rotate postgres_password docker-compose.production.yml --write");

  cli
    .command("codemod <name>", "Rewrite application code: `codemod secrets` makes reads of the named variables accept <NAME>_FILE (Docker secrets)")
    .option("--vars <names>", "Variables whose reads are rewritten (comma-separated, repeatable)", { type: [String] })
    .option("--from-report <file>", "Also take the variables of the gate/plaintext-secret findings in a `check --format json` report")
    .option("--service <names>", "With --from-report: only findings of these services (comma-separated, repeatable)", { type: [String] })
    .option("--src <paths>", "Source directories, files or globs (comma-separated, repeatable; default: .); node_modules and dist are skipped", { type: [String] })
    .option("--helper <file>", "Where the helper module goes (default: read-secret-env.ts beside the rewritten files, or the one already there)")
    .option("--allow-outside", "Rewrite sources (and write the helper) that resolve outside the project root")
    .option("--write", "Apply the changes (atomic; every file or none)")
    .option("--check", "Change nothing; exit 1 when a change is pending (for CI)")
    .example("  $ compose-gate codemod secrets --vars STRIPE_SECRET_KEY,WEBHOOK_SIGNING_SECRET --src functions/src")
    .example("  $ compose-gate check stack.yml --format json > report.json; compose-gate codemod secrets --from-report report.json --service functions --src functions/src --write");

  cli
    .command("list", "List the transforms, presets and checks")
    .example("  $ compose-gate list");

  cli
    .command("explain <id>", "Explain a transform or check: what it does, its options and defaults, an example diff")
    .example("  $ compose-gate explain env-to-secrets")
    .example("  $ compose-gate explain gate/minio");
  return cli;
}

function stackOptions(command: ReturnType<CAC["command"]>): void {
  command
    .option("-f, --file <file>", "A compose file of one multi-file project, in docker compose's -f order (repeatable)", { type: [String] })
    .option("--allow-outside", "Read compose files (and write generated files) that resolve outside the project root (the repository root, else the working directory)");
}
