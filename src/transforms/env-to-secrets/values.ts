/**
 * What an environment value is, from the point of view of moving it into a Docker secret:
 * where the secret's value will come from when the secret is created, and whether the value
 * can move at all.
 */
import { classifyValue, parseReference, referenceDefault, type UrlCredentials } from "../../secrets/detect.js";

export type SecretValue =
  /** `${VAR}`, `${VAR:-default}`, `$VAR`: the deploying shell supplies VAR. */
  | {
      kind: "reference";
      variable: string;
      defaultValue?: string;
      /** `${VAR:-}` / `${VAR-}`: an empty default says the variable may be left unset. */
      optional?: boolean;
    }
  /** A bare `KEY` / `KEY:` entry: Docker passes the deploying shell's KEY through. */
  | { kind: "passthrough"; variable: string }
  /** Text written in the file. */
  | { kind: "literal"; text: string };

export type EnvValue =
  | SecretValue
  /** Text mixed with `${…}` (`key=${K}`, `${A}${B}`, `$$` escapes): not one value compose-gate can move. */
  | { kind: "template" }
  /** A connection URL with a password (`postgres://u:${PW}@db/x`), directly or as `${VAR:-url}`'s default. */
  | { kind: "url"; url: UrlCredentials; viaDefaultOf?: string }
  /** Empty, boolean, a duration or a file path: a setting, not a secret. */
  | { kind: "setting" };

/**
 * What the value is, read by `classifyValue`, the classifier `check` uses too: a value this
 * transform leaves as "mixed with ${…}" is never a literal secret in the check, and a quantity
 * under a counting name (`OPENAI_MAX_TOKENS: 30`) is a setting in both.
 */
export function readEnvValue(name: string, value: string | null): EnvValue {
  if (value === null) return { kind: "passthrough", variable: name };
  const c = classifyValue(value, name);
  if (!c) return { kind: "setting" };
  switch (c.kind) {
    case "url":
      return { kind: "url", url: c.url! };
    case "reference": {
      if (c.url) return { kind: "url", url: c.url, viaDefaultOf: c.variable };
      const ref = parseReference(value)!;
      const optional = ref.operator?.endsWith("-") && ref.argument === "";
      return { kind: "reference", variable: c.variable!, ...(c.defaultValue ? { defaultValue: c.defaultValue } : {}), ...(optional ? { optional } : {}) };
    }
    case "composite":
      return { kind: "template" };
    case "literal":
      // `pa$$word` is literal text to the check, but compose reads `$$` as `$`: the text as
      // written is not the value, so it is left for a human like any other template.
      return value.includes("$") ? { kind: "template" } : { kind: "literal", text: value };
  }
}

/** The identity of a secret value: uses with the same identity share one Docker secret. */
export function identityOf(value: SecretValue): string {
  return value.kind === "literal" ? `literal:${value.text}` : `variable:${value.variable}`;
}

/** The literal texts in a value that must never be printed (the value, a default, a URL password). */
export function literalsOf(value: EnvValue): string[] {
  switch (value.kind) {
    case "literal":
      return [value.text];
    case "reference":
      return value.defaultValue ? [value.defaultValue] : [];
    case "url": {
      const ref = parseReference(value.url.password);
      const text = ref ? referenceDefault(ref) : value.url.password;
      return text ? [text] : [];
    }
    default:
      return [];
  }
}

/** The variable a URL's password comes from (`${PW}` → `PW`), when it is one. */
export function urlPasswordVariable(url: UrlCredentials): string | undefined {
  return parseReference(url.password)?.variable;
}
