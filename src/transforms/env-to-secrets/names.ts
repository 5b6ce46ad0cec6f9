/**
 * One Docker secret per secret value: uses of the same variable (or the same literal text)
 * share a name, and two different values never do. The first value to want a name gets it;
 * a later one is prefixed with its service (`worker_api_token`), then numbered
 * (`api_token_2`), so names depend only on the order of the file.
 */
import { toSecretName } from "../../secrets/naming.js";
import type { SecretUse } from "./collect.js";
import { identityOf } from "./values.js";

function baseName(use: SecretUse): string {
  return toSecretName(use.value.kind === "literal" ? use.entry.name : use.value.variable);
}

/**
 * Secret names by value identity. A literal shared by several variables is named after the
 * first use `owns` accepts (the service that will read the secret), else after its first use.
 * `declared` are the stack's existing top-level secrets: one is reused by the value whose own
 * name it is, and never handed out as a fallback. `extras` (passwords inside URLs, secret
 * variables inside composed values) are named after the plain uses, the same way.
 */
export function allocateNames(
  uses: readonly SecretUse[],
  declared: ReadonlySet<string>,
  owns: (use: SecretUse) => boolean = () => false,
  extras: readonly ExtraIdentity[] = [],
): Map<string, string> {
  const byIdentity = new Map<string, SecretUse[]>();
  for (const use of uses) {
    const identity = identityOf(use.value);
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), use]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const allocate = (identity: string, base: string, service: string) => {
    const free = (name: string) => !taken.has(name) && (name === base || !declared.has(name));
    let name = base;
    if (!free(name)) name = toSecretName(`${service}_${base}`);
    for (let n = 2; !free(name); n++) name = `${base}_${n}`;
    names.set(identity, name);
    taken.add(name);
  };
  for (const [identity, group] of byIdentity) {
    const namer = group.find(owns) ?? group[0];
    allocate(identity, baseName(namer), namer.service);
  }
  for (const extra of extras) if (!names.has(extra.identity)) allocate(extra.identity, toSecretName(extra.base), extra.service);
  return names;
}

/** A secret value that lives inside a URL or a composed value, named after `base`. */
export interface ExtraIdentity {
  identity: string;
  base: string;
  service: string;
}

/** Uses grouped by the text they are: one group per place in a file, in file order. */
export function groupByOrigin<T extends { origin: string }>(uses: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const use of uses) {
    const group = groups.get(use.origin) ?? [];
    group.push(use);
    groups.set(use.origin, group);
  }
  return [...groups.values()];
}
