/**
 * The `secrets-sync` GitHub Actions workflow (gate item 5 names it): on demand, it creates every
 * external secret the stack declares on the Swarm manager, each from the GitHub environment
 * secret named like the variable the create-secrets script reads (POSTGRES_PASSWORD for
 * postgres_password), skips the ones that exist (secrets are immutable; rotation makes a new
 * name), and optionally deploys the stack.
 *
 * No value is ever on a command line, here or on the server: the job talks to the manager's
 * Docker engine through `DOCKER_HOST=ssh://swarm-manager` (the SSH setup of shared/workflow.ts,
 * host key pinned), and `printf '%s' "$VALUE" | docker secret create <name> -` sends the value on
 * stdin — `printf` is a bash builtin, and the engine receives it in the API request body. Nothing
 * is echoed; GitHub masks secrets in logs besides.
 */
import { variablesIn } from "../../interpolation/index.js";
import type { Project } from "../../project/project.js";
import { requireSshSecrets, SSH_ALIAS, sshSetupStep } from "../shared/workflow.js";
import type { TransformContext } from "../types.js";
import { addGenerated, GENERATED_MARK, generatedOnDisk } from "./generated-file.js";
import { joinWords } from "./manual.js";
import type { ScriptEntry } from "./script.js";

export interface SyncWorkflow {
  /** Where the workflow goes, relative to the repository root. */
  path: string;
  /** The GitHub environment whose secrets it reads. */
  environment: string;
  /** The compose files `docker stack deploy -c` gets, relative to the repository root. */
  files: string[];
  /** The stack name the deploy input defaults to; empty for the repository's name. */
  stack: string;
  secrets: readonly ScriptEntry[];
  /** Every variable the files interpolate: the deploy step reads each from the environment's secret of that name. */
  variables: readonly string[];
}

/** Every `${VAR}` the project's files use, in name order. */
export function interpolatedVariables(project: Project): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") for (const v of variablesIn(value)) out.add(v);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const doc of project.docs) walk(doc.toJS());
  return [...out].sort();
}

const yamlString = (s: string) => JSON.stringify(s);

export function renderWorkflow(w: SyncWorkflow): string {
  const pad = (n: number) => " ".repeat(n);
  const checks = w.secrets.map((e) => `${pad(10)}check ${e.object} ${e.variable}`);
  const valueEnv = [...new Set(w.secrets.map((e) => e.variable))].map((v) => `${pad(10)}${v}: \${{ secrets.${v} }}`);
  // Settings come from secrets too: one place to set every variable, and GitHub masks them in logs.
  const deployEnv = w.variables.map((v) => `${pad(10)}${v}: \${{ secrets.${v} }}`);
  const composeFiles = w.files.map((f) => `-c ${shellWord(f)}`).join(" ");
  const stackDefault = w.stack === "" ? "${{ github.event.repository.name }}" : w.stack;
  return [
    `# ${GENERATED_MARK} Creates the Docker secrets the stack declares as external`,
    `# on the Swarm manager, each from the "${w.environment}" environment's secret of the same name as its`,
    "# variable, and skips the ones that exist: secrets are immutable, so a new value is a new name",
    "# (`compose-gate secrets rotate <secret>`). Values go to the Docker engine on stdin over SSH: they are",
    "# never echoed and never on a command line. Optionally deploys the stack afterwards.",
    "name: secrets-sync",
    "",
    "on:",
    "  workflow_dispatch:",
    "    inputs:",
    "      deploy:",
    "        description: Deploy the stack once its secrets exist",
    "        type: boolean",
    "        default: false",
    "      stack:",
    "        description: Name of the Swarm stack to deploy",
    "        type: string",
    `        default: ${yamlString(stackDefault)}`,
    "",
    "permissions:",
    "  contents: read",
    "",
    "concurrency:",
    `  group: secrets-sync-${w.environment}`,
    "  cancel-in-progress: false",
    "",
    "jobs:",
    "  sync:",
    "    runs-on: ubuntu-latest",
    `    environment: ${yamlString(w.environment)}`,
    "    steps:",
    ...sshSetupStep(6),
    "      - name: Create the missing secrets",
    "        env:",
    `          DOCKER_HOST: ssh://${SSH_ALIAS}`,
    ...valueEnv,
    "        run: |",
    "          missing=()",
    "          create=()",
    "          check() {",
    '            local name="$1" var="$2"',
    '            if docker secret inspect "$name" >/dev/null 2>&1; then',
    '              echo "secret $name exists, skipped"',
    '            elif [ -z "${!var:-}" ]; then',
    '              missing+=("$var")',
    "            else",
    '              create+=("$name:$var")',
    "            fi",
    "          }",
    ...checks,
    '          if [ "${#missing[@]}" -gt 0 ]; then',
    `            for var in "\${missing[@]}"; do echo "::error::secret $var is not set in the ${w.environment} environment"; done`,
    "            exit 1",
    "          fi",
    '          for entry in "${create[@]}"; do',
    '            name="${entry%%:*}" var="${entry#*:}"',
    '            printf \'%s\' "${!var}" | docker secret create "$name" - >/dev/null',
    '            echo "created secret $name"',
    "          done",
    "      - name: Check out the stack",
    "        if: inputs.deploy",
    "        uses: actions/checkout@v4",
    "        with:",
    "          persist-credentials: false",
    "      - name: Deploy the stack",
    "        if: inputs.deploy",
    "        env:",
    `          DOCKER_HOST: ssh://${SSH_ALIAS}`,
    "          STACK: ${{ inputs.stack }}",
    ...deployEnv,
    `        run: docker stack deploy --with-registry-auth --detach=false ${composeFiles} "$STACK"`,
    "",
  ].join("\n");
}

/** A path as one shell word (paths are plain; anything else is single-quoted). */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface WorkflowSettings {
  syncWorkflow: string;
  environment: string;
  stackName: string;
}

/** The stack's name by default: the folder its first file is in (paths from the repository root); empty at the root. */
export function defaultStack(files: string[]): string {
  const dir = files[0]?.includes("/") ? files[0].slice(0, files[0].lastIndexOf("/")) : "";
  return dir === "" ? "" : dir.slice(dir.lastIndexOf("/") + 1);
}

/** Write (or keep current) the workflow for a Swarm stack with external secrets, and say once which GitHub secrets it needs. */
export function writeWorkflow(ctx: TransformContext, entries: readonly ScriptEntry[], settings: WorkflowSettings, edited: boolean, steps = true): void {
  if (settings.syncWorkflow === "" || entries.length === 0) return;
  if (!edited && generatedOnDisk(ctx, settings.syncWorkflow, "repository") === undefined) return;
  const files = ctx.project.docs.map((d) => ctx.repositoryPath(d.filename));
  const variables = interpolatedVariables(ctx.project);
  const workflow: SyncWorkflow = {
    path: settings.syncWorkflow,
    environment: settings.environment,
    files,
    stack: settings.stackName || defaultStack(files),
    secrets: entries,
    variables,
  };
  const changed = addGenerated(ctx, {
    path: settings.syncWorkflow,
    base: "repository",
    content: renderWorkflow(workflow),
    description: "creates the stack's Docker secrets on the Swarm manager from GitHub environment secrets",
  });
  if ((!changed && !edited) || !steps) return;
  const names = [...new Set(entries.map((e) => e.variable))];
  const deploySecrets = variables.filter((v) => !names.includes(v));
  const forDeploy = deploySecrets.length > 0 ? `; to deploy with it, also ${joinWords(deploySecrets)} (the stack's other variables)` : "";
  // The SSH secrets every workflow of the run shares are named once (shared/workflow.ts).
  requireSshSecrets(ctx, settings.environment);
  ctx.manual(
    `${settings.syncWorkflow} creates the secrets from GitHub over SSH: add the GitHub environment secrets ${joinWords(names)} to the "${settings.environment}" environment${forDeploy}; then run the workflow (Actions → secrets-sync → Run workflow)`,
  );
}
