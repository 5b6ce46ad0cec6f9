/**
 * What compose-gate's GitHub Actions workflows share: how a job reaches the Swarm manager over
 * SSH. Every workflow reads the same GitHub environment secrets, so a user sets them once:
 *
 * - `DEPLOY_SSH_HOST`, `DEPLOY_SSH_USER` — the manager node and the account to log in as;
 * - `DEPLOY_SSH_PRIVATE_KEY` — a key for that account (a dedicated deploy key);
 * - `DEPLOY_SSH_KNOWN_HOSTS` — the manager's host key line(s), as `ssh-keyscan <host>` prints
 *   them once, checked by hand: the host key is pinned, never accepted on first use.
 *
 * The setup step writes `~/.ssh/config` with the host alias `swarm-manager`, so scripts run
 * `ssh swarm-manager …` and never see the secrets in their arguments.
 *
 * Several transforms of one run may need the same secrets; `requireSshSecrets` and
 * `requireSecret` name each secret once per run and GitHub environment (through `ctx.state`),
 * so the manual steps stay a list a person can work through.
 */
import type { TransformContext } from "../types.js";

export const SSH_SECRETS = {
  host: "DEPLOY_SSH_HOST",
  user: "DEPLOY_SSH_USER",
  privateKey: "DEPLOY_SSH_PRIVATE_KEY",
  knownHosts: "DEPLOY_SSH_KNOWN_HOSTS",
} as const;

/** The host alias the setup step defines for the Swarm manager. */
export const SSH_ALIAS = "swarm-manager";

/** The manual step that names the secrets, once per run of the preset. */
export function sshSecretsStep(environment: string): string {
  const names = Object.values(SSH_SECRETS).join(", ");
  return `add the GitHub environment secrets ${names} to the "${environment}" environment (Settings → Environments): the manager's address and login, a deploy key, and its host key line from \`ssh-keyscan <host>\` checked by hand`;
}

const NAMED_SECRETS = "workflow:named-secrets";

/** Runs `step` the first time `key` is named in this run. */
function once(ctx: TransformContext, key: string, step: () => void): void {
  const named = (ctx.state.get(NAMED_SECRETS) as Set<string> | undefined) ?? new Set<string>();
  ctx.state.set(NAMED_SECRETS, named);
  if (named.has(key)) return;
  named.add(key);
  step();
}

/** The manual step naming the SSH secrets, unless an earlier transform of this run named them for `environment`. */
export function requireSshSecrets(ctx: TransformContext, environment: string): void {
  once(ctx, `${environment}\u0000ssh`, () => ctx.manual(sshSecretsStep(environment)));
}

/**
 * The manual step naming one more GitHub environment secret (`what` says what to put in it),
 * unless an earlier transform of this run named it for `environment`.
 */
export function requireSecret(ctx: TransformContext, environment: string, name: string, what: string): void {
  once(ctx, `${environment}\u0000${name}`, () => ctx.manual(`add the GitHub environment secret ${name} to the "${environment}" environment (Settings → Environments): ${what}`));
}

/**
 * The workflow step that sets up SSH to the manager, as YAML lines at `indent` spaces (the
 * step's dash). The key and the host key come from secrets through `env:`, never from the
 * command line; `StrictHostKeyChecking yes` refuses any host key not pinned.
 */
export function sshSetupStep(indent: number): string[] {
  const pad = " ".repeat(indent);
  return [
    `${pad}- name: Set up SSH to the Swarm manager (host key pinned)`,
    `${pad}  env:`,
    `${pad}    SSH_HOST: \${{ secrets.${SSH_SECRETS.host} }}`,
    `${pad}    SSH_USER: \${{ secrets.${SSH_SECRETS.user} }}`,
    `${pad}    SSH_PRIVATE_KEY: \${{ secrets.${SSH_SECRETS.privateKey} }}`,
    `${pad}    SSH_KNOWN_HOSTS: \${{ secrets.${SSH_SECRETS.knownHosts} }}`,
    `${pad}  run: |`,
    `${pad}    for name in SSH_HOST SSH_USER SSH_PRIVATE_KEY SSH_KNOWN_HOSTS; do`,
    `${pad}      if [ -z "\${!name}" ]; then echo "::error::secret for $name is not set in this environment"; exit 1; fi`,
    `${pad}    done`,
    `${pad}    install -m 700 -d ~/.ssh`,
    `${pad}    (umask 077 && printf '%s\\n' "$SSH_PRIVATE_KEY" > ~/.ssh/deploy_key)`,
    `${pad}    printf '%s\\n' "$SSH_KNOWN_HOSTS" > ~/.ssh/known_hosts`,
    `${pad}    printf 'Host ${SSH_ALIAS}\\n  HostName %s\\n  User %s\\n  IdentityFile ~/.ssh/deploy_key\\n  IdentitiesOnly yes\\n  StrictHostKeyChecking yes\\n  UserKnownHostsFile ~/.ssh/known_hosts\\n  BatchMode yes\\n' "$SSH_HOST" "$SSH_USER" > ~/.ssh/config`,
    `${pad}    chmod 600 ~/.ssh/config ~/.ssh/known_hosts`,
  ];
}
