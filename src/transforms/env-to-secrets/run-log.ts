/**
 * What one run of env-to-secrets did, gathered while converting and reported afterwards, and
 * the small helpers every report uses.
 */
import { valueVariableFor } from "../../secrets/naming.js";
import type { OtherUse, SecretUse } from "./collect.js";
import { joinWords, type Leftover } from "./manual.js";

export interface RunLog {
  edited: boolean;
  /** Secret key → the variable its value comes from (for the script). */
  variables: Map<string, string>;
  /** Values written in the file that left it, by identity, for one step each. */
  dropped: Map<string, Dropped>;
  /** Secrets left in plain environment, by service. */
  leftovers: Map<string, Leftover[]>;
  /** Optional variables (`${VAR:-}`) an image could read from a file, by service. */
  optional: Map<string, SecretUse[]>;
  /** Why a service whose image would take a shim did not get one. */
  shimReasons: Map<string, string>;
}

/** A value written in the file (a literal, or a `${VAR:-default}`'s default) that a run took out of it. */
export interface Dropped {
  kind: "literal" | "default";
  text: string;
  /** Where the value comes from now: a secret, or a deploy variable (`${VAR}`) for images that read neither. */
  now: { secret: string } | { variable: string };
  uses: (SecretUse | OtherUse)[];
}

export function newRunLog(): RunLog {
  return { edited: false, variables: new Map(), dropped: new Map(), leftovers: new Map(), optional: new Map(), shimReasons: new Map() };
}

export function addLeftover(log: RunLog, item: Leftover): void {
  const list = log.leftovers.get(item.use.service) ?? [];
  list.push(item);
  log.leftovers.set(item.use.service, list);
}

/** Record a value that left the file (one step per value, listing every place it was written). */
export function addDropped(log: RunLog, identity: string, entry: Omit<Dropped, "uses">, uses: readonly (SecretUse | OtherUse)[]): void {
  const known = log.dropped.get(identity) ?? { ...entry, uses: [] };
  // A loop, not push(...): a large stack has more uses of one value than a call takes arguments.
  for (const use of uses) known.uses.push(use);
  log.dropped.set(identity, known);
}

/** Where a finding about a use points: the entry's place in the file, and its service. */
export function at(use: SecretUse | OtherUse) {
  return { ...(use.location ? { location: use.location } : {}), service: use.service };
}

/** `services.a and services.b`. */
export function serviceList(uses: readonly (SecretUse | OtherUse)[]): string {
  return joinWords([...new Set(uses.map((u) => `services.${u.service}`))]);
}

/** The variable the script reads a converted secret from: where its value came from. */
export function valueVariable(use: SecretUse, secret: string): string {
  return use.value.kind === "literal" ? valueVariableFor(secret) : use.value.variable;
}
