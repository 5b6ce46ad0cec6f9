/**
 * How an environment variable exposes a secret, in the words a finding uses. Literal text in
 * the file is the worst case (error): it sits in the repository and in `docker inspect`. A
 * `${VAR}` reference keeps it out of the repository but still hands it to the container as a
 * plaintext variable (warning): the gate's item 2 says exactly that about `docker inspect`.
 * The value is read by `classifyValue`, the classifier env-to-secrets uses too, so a value
 * the transform calls "mixed with ${…}" is never a literal here.
 */
import { classifyValue, hasUrlCredentials, isLicenseKeyName, isSecretName, type SecretRules } from "../../secrets/detect.js";
import { textKind } from "../../secrets/text-kind.js";
import type { Severity } from "../types.js";

export interface Exposure {
  kind: "literal" | "reference";
  /** Completes "<NAME> …"; never contains the secret. */
  what: string;
  /** When the finding is weaker than its kind says (a license key is info at most). */
  severity?: Severity;
}

/** The exposure of `NAME=value`, or undefined when it carries no secret. */
export function exposureOf(name: string, value: string | null, rules: SecretRules): Exposure | undefined {
  const named = isSecretName(name, rules);
  if (value === null) return named ? { kind: "reference", what: "is passed through from the deploying shell's environment" } : undefined;
  if (!named && !hasUrlCredentials(value)) return isLicenseKeyName(name, rules) ? licenseKey(value, name) : undefined;
  const c = classifyValue(value, name);
  if (!c) return undefined;
  switch (c.kind) {
    case "url":
      return textKind(c.urlPassword ?? "") === "reference"
        ? { kind: "reference", what: "embeds a ${…} password in a connection URL" }
        : { kind: "literal", what: "embeds a literal password in a connection URL" };
    case "reference": {
      const literalDefault = c.urlPassword !== undefined ? textKind(c.urlPassword) === "literal" : named && c.defaultValue !== undefined;
      if (literalDefault) return { kind: "literal", what: `falls back to a literal default in \${${c.variable}:-…}` };
      return { kind: "reference", what: `is set from \${${c.variable}}` };
    }
    case "composite":
      if (c.defaultValue !== undefined) return { kind: "literal", what: `falls back to a literal default in \${${c.variable}:-…}` };
      return { kind: "reference", what: c.referencesOnly ? "is built from ${…} references" : `mixes text with \${${c.variable}}` };
    case "literal":
      return { kind: "literal", what: "has a literal value in the file" };
  }
}

/** A literal license key: worth a look, not an error (`isLicenseKeyName`). */
function licenseKey(value: string, name: string): Exposure | undefined {
  return classifyValue(value, name)?.kind === "literal" ? { kind: "literal", what: "has a literal value in the file", severity: "info" } : undefined;
}
