/**
 * How each variable a shim exports is built from secrets: the whole value read from one
 * secret (`${HASURA_GRAPHQL_ADMIN_SECRET}`, a literal, a bare `KEY`), a connection URL around
 * its password (`postgres://u:${POSTGRES_PASSWORD}@db/x`), or text around secret variables
 * (`{"type":"HS256","key":"${JWT_SECRET_KEY}"}`). Whatever is not secret stays as written, so
 * compose fills in its `${…}` at deploy time as before. A value the shim cannot rebuild exactly
 * says why, and stays in the environment.
 */
import { tokenize, type Part } from "../../interpolation/tokenize.js";
import { toSecretName } from "../../secrets/naming.js";
import type { OtherUse, SecretUse } from "./collect.js";
import type { ValuePart } from "./shim-script.js";
import { identityOf, urlPasswordVariable } from "./values.js";

/** Where one secret of a shimmed value comes from, for the create-secrets script and the steps. */
export interface ShimSource {
  secret: string;
  /** The deploy variable the script creates the secret from. */
  variable: string;
  /** Text that was written in the file and now leaves it (a literal, or a `${VAR:-default}`'s default). */
  dropped?: { kind: "literal" | "default"; text: string };
}

export type ShimValue = { ok: true; parts: ValuePart[]; sources: ShimSource[] } | { ok: false; reason: string };

export interface SecretNames {
  /** The secret a value identity (`variable:X`, `literal:text`) was given. */
  nameOf(identity: string): string | undefined;
  /** The variable the script reads a literal's secret from. */
  variableOf(secret: string): string;
  /** Whether a variable inside a composed value holds a secret. */
  isSecret(variable: string): boolean;
}

const fail = (reason: string): ShimValue => ({ ok: false, reason });

/** A reference's default, when compose would fall back to it. */
function defaultText(part: Extract<Part, { kind: "var" }>): string | undefined {
  if (part.operator !== "-" && part.operator !== ":-") return undefined;
  return (part.argument ?? []).map((p) => p.raw).join("");
}

function secretOf(names: SecretNames, identity: string, fallback: string): string {
  return names.nameOf(identity) ?? toSecretName(fallback);
}

/** `${VAR}` inside a composed value, read from its secret; a nested or conditional reference cannot be. */
function referencePart(part: Extract<Part, { kind: "var" }>, names: SecretNames): { part: ValuePart; source: ShimSource } | string {
  if (part.operator === "+" || part.operator === ":+") return `\${${part.name}${part.operator}…} depends on whether ${part.name} is set`;
  if (part.argument?.some((p) => p.kind === "var")) return `the default of \${${part.name}} refers to another variable`;
  const secret = secretOf(names, `variable:${part.name}`, part.name);
  const fallback = defaultText(part);
  return {
    part: { kind: "secret", secret },
    source: { secret, variable: part.name, ...(fallback ? { dropped: { kind: "default" as const, text: fallback } } : {}) },
  };
}

/** A value that mixes text with `${…}`: secret variables are read from their secrets, the rest stays. */
function composed(raw: string, names: SecretNames): ShimValue {
  const { parts, errors } = tokenize(raw);
  if (errors.length > 0) return fail("compose cannot read its ${…}");
  const out: ValuePart[] = [];
  const sources: ShimSource[] = [];
  for (const part of parts) {
    if (part.kind === "var" && names.isSecret(part.name)) {
      const read = referencePart(part, names);
      if (typeof read === "string") return fail(read);
      out.push(read.part);
      sources.push(read.source);
    } else {
      const last = out[out.length - 1];
      if (last?.kind === "text") last.raw += part.raw;
      else out.push({ kind: "text", raw: part.raw });
    }
  }
  if (sources.length === 0) return fail("no secret variable in it");
  return { ok: true, parts: out, sources };
}

/** A connection URL: its password from a secret, the rest as written. */
function url(use: OtherUse & { value: { kind: "url" } }, names: SecretNames): ShimValue {
  const value = use.value;
  if (value.viaDefaultOf) return fail(`the URL is the default of \${${value.viaDefaultOf}}, which the deploy environment may set instead`);
  const raw = use.entry.value ?? "";
  const { scheme, user, password, rest } = value.url;
  const prefix = `${scheme}://${user}:`;
  if (!raw.startsWith(prefix) || raw.slice(prefix.length) !== `${password}@${rest}`) return fail("the URL is not written as scheme://user:password@host");
  const variable = urlPasswordVariable(value.url);
  if (variable) {
    const around = composed(raw, { ...names, isSecret: (v) => v === variable });
    return around;
  }
  if (password.includes("$")) return fail("its password mixes text with ${…}");
  if (user.includes(password) || rest.includes(password)) return fail("the password's text also appears elsewhere in the URL");
  const secret = secretOf(names, `literal:${password}`, `${use.entry.name}_password`);
  return {
    ok: true,
    parts: [
      { kind: "text", raw: prefix },
      { kind: "secret", secret },
      { kind: "text", raw: `@${rest}` },
    ],
    sources: [{ secret, variable: names.variableOf(secret), dropped: { kind: "literal", text: password } }],
  };
}

/** How a shim rebuilds the value of one environment entry, or why it cannot. */
export function shimValue(use: SecretUse | OtherUse, names: SecretNames): ShimValue {
  const value = use.value;
  switch (value.kind) {
    case "url":
      return url(use as OtherUse & { value: typeof value }, names);
    case "template":
      return composed(use.entry.value ?? "", names);
    case "reference": {
      if (value.optional) return fail("it defaults to empty, so it is optional; as a secret it would have to exist");
      const secret = secretOf(names, identityOf(value), value.variable);
      const dropped = value.defaultValue ? { dropped: { kind: "default" as const, text: value.defaultValue } } : {};
      return { ok: true, parts: [{ kind: "secret", secret }], sources: [{ secret, variable: value.variable, ...dropped }] };
    }
    case "passthrough": {
      const secret = secretOf(names, identityOf(value), value.variable);
      return { ok: true, parts: [{ kind: "secret", secret }], sources: [{ secret, variable: value.variable }] };
    }
    case "literal": {
      const secret = secretOf(names, identityOf(value), use.entry.name);
      return {
        ok: true,
        parts: [{ kind: "secret", secret }],
        sources: [{ secret, variable: names.variableOf(secret), dropped: { kind: "literal", text: value.text } }],
      };
    }
  }
}
