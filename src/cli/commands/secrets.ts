/**
 * `compose-gate secrets rotate <secret> [files…]`: move one Swarm secret of the stack to its next
 * versioned name (src/transforms/secrets-rotate.ts) and keep the create-secrets script and the
 * secrets-sync workflow current. Like `transform`: the diff on stdout, the steps on stderr,
 * `--write` applies every file of the stack or none, `--check` exits 1 when a change is pending.
 * env-to-secrets' options (config `transforms.env-to-secrets`, `--set env-to-secrets.…`) say
 * where the script and the workflow are.
 */
import path from "node:path";
import { listFlag, setFlags } from "../args.js";
import { CliError, suggest, type ExitCode } from "../errors.js";
import type { CommandContext } from "../run.js";
import { openProject } from "../project-scope.js";
import { formatRoles } from "../role-report.js";
import { resolveStacks } from "../stacks.js";
import { buildTransformOptions, parseSetFlags } from "../transform-options.js";
import { loadStack } from "../load-stack.js";
import type { StackSpec } from "../stacks.js";
import { processStacks } from "./transform.js";

const ACTIONS = ["rotate"];
/** Docker's secret names (moby validateSecretSpec): `[a-zA-Z0-9][a-zA-Z0-9_.-]*`. */
const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export async function secretsCommand(action: string, args: string[], ctx: CommandContext): Promise<ExitCode> {
  const { out, options } = ctx;
  if (!ACTIONS.includes(action)) throw new CliError(`unknown secrets action "${action}"${suggest(action, ACTIONS)}; actions: ${ACTIONS.join(", ")}`);
  const [secret, ...paths] = args;
  if (!secret) throw new CliError("name the secret to rotate: compose-gate secrets rotate <secret> [files…]");
  if (!SECRET_NAME.test(secret)) throw new CliError(`"${secret}" is not a Docker secret name (letters, digits, _ . -, at most 64)`);
  const write = options.write === true;
  const check = options.check === true;
  if (write && check) throw new CliError("--write and --check exclude each other: --check only reports (exit 1 when changes are pending)");
  const cwd = out.io.cwd;
  const { config, scope } = await openProject(options, out);
  const registry = await ctx.loadRegistry();
  const sets = parseSetFlags(setFlags(options.set));
  const other = sets.find((s) => s.id !== "env-to-secrets");
  if (other) throw new CliError(`--set ${other.name}: secrets rotate takes env-to-secrets options only`);
  const transformOptions = buildTransformOptions(registry.transforms, {
    config: config.config.transforms,
    configName: config.file ? path.relative(cwd, config.file) || config.file : undefined,
    sets,
  });
  const { secretRotation, ROTATE_ID } = await import("../../transforms/secrets-rotate.js");
  // Held to the project root like `transform` (--allow-outside lifts it); no gate checklist: a
  // rotation changes no gate item's status.
  const resolved = resolveStacks({ cwd, positionals: paths, files: listFlag(options.file), edit: [], config, command: "transform", scope });
  if (!out.quiet) out.io.stderr.write(formatRoles(resolved.roles, cwd, out.err));
  requireDeclared(secret, resolved.stacks, cwd);
  return processStacks(out, resolved, [secretRotation(secret)], { [ROTATE_ID]: transformOptions["env-to-secrets"] ?? {} }, { write, check }, { scope });
}

/** A secret no stack declares is a typo, not a refusal: exit 2 and name the ones there are. */
function requireDeclared(secret: string, stacks: StackSpec[], cwd: string): void {
  const names = new Set<string>();
  for (const spec of stacks) {
    const load = loadStack(spec, cwd);
    // A stack that cannot be read is reported by the run itself.
    if (!load.ok) return;
    for (const doc of [...load.stack.docs, ...load.stack.companionDocs.values()]) {
      const secrets = doc.get(["secrets"]);
      if (!secrets || typeof secrets !== "object" || Array.isArray(secrets)) continue;
      for (const [key, decl] of Object.entries(secrets)) {
        names.add(key);
        const name = (decl as { name?: unknown } | null)?.name;
        if (typeof name === "string") names.add(name);
      }
    }
  }
  if (stacks.length > 0 && !names.has(secret)) {
    const known = [...names].sort();
    throw new CliError(`no stack declares secret "${secret}"${suggest(secret, known)}${known.length ? `; declared: ${known.join(", ")}` : ""}`);
  }
}
