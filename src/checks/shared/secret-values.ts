/**
 * How an environment variable exposes a secret, in the words a finding uses. Literal text in
 * the file is the worst case (error): it sits in the repository and in `docker inspect`. A
 * `${VAR}` reference keeps it out of the repository but still hands it to the container as a
 * plaintext variable (warning): the gate's item 2 says exactly that about `docker inspect`.
 */
import { classifyValue, hasUrlCredentials, isSecretName, type SecretRules } from "../../secrets/detect.js";
import { textKind } from "../../secrets/text-kind.js";

export interface Exposure {
  kind: "literal" | "reference";
  /** Completes "<NAME> …"; never contains the secret. */
  what: string;
}

/** The exposure of `NAME=value`, or undefined when it carries no secret. */
export function exposureOf(name: string, value: string | null, rules: SecretRules): Exposure | undefined {
  const named = isSecretName(name, rules);
  if (value === null) return named ? { kind: "reference", what: "is passed through from the deploying shell's environment" } : undefined;
  if (!named && !hasUrlCredentials(value)) return undefined;
  const c = classifyValue(value);
  if (!c) return undefined;
  if (c.kind === "url") {
    return textKind(c.urlPassword ?? "") === "reference"
      ? { kind: "reference", what: "embeds a ${…} password in a connection URL" }
      : { kind: "literal", what: "embeds a literal password in a connection URL" };
  }
  if (c.kind === "reference") {
    const literalDefault = c.urlPassword !== undefined ? textKind(c.urlPassword) === "literal" : named && c.defaultValue !== undefined;
    if (literalDefault) return { kind: "literal", what: `falls back to a literal default in \${${c.variable}:-…}` };
    return { kind: "reference", what: `is set from \${${c.variable}}` };
  }
  if (textKind(value) === "reference") return { kind: "reference", what: "is built from ${…} references" };
  return { kind: "literal", what: "has a literal value in the file" };
}
