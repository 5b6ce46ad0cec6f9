/**
 * Compose interpolation, read the way a reviewer reads a value: `${VAR:-default}` is a hook
 * the deployment environment may fill, and its default is what the file says when it does not.
 * compose-gate rewrites the file's answer and keeps the hook, so an operator's override
 * mechanism survives the change (CS `12-interpolation.md`).
 */

/** A value that is exactly one `${VAR…}` expression. */
export interface Hook {
  variable: string;
  /** `:-` / `-` (default), `:?` / `?` (required), `:+` / `+` (alternate), or `""` for `${VAR}`. */
  op: string;
  /** The text after the operator. */
  argument: string;
}

const WHOLE_HOOK = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?\}$/;
const BARE_VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;

export function parseHook(value: string): Hook | undefined {
  const whole = WHOLE_HOOK.exec(value);
  if (whole && balanced(whole[3] ?? "")) return { variable: whole[1], op: whole[2] ?? "", argument: whole[3] ?? "" };
  const bare = BARE_VARIABLE.exec(value);
  return bare ? { variable: bare[1], op: "", argument: "" } : undefined;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "{") depth++;
    if (ch === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

export type Rewrite =
  | { kind: "value"; value: string }
  /** `${VAR:?msg}`: the environment must supply the value; the file has no answer to change. */
  | { kind: "required"; variable: string };

/**
 * The value that says `next` while keeping the variable hook of `old`:
 * `${V:-old}` → `${V:-next}`, `${V}` → `${V:-next}`, a literal → `next`.
 */
export function rewriteKeepingHook(old: string | null, next: string): Rewrite {
  if (old === null) return { kind: "value", value: next };
  const hook = parseHook(old);
  if (!hook) return { kind: "value", value: next };
  if (hook.op.endsWith("?")) return { kind: "required", variable: hook.variable };
  const op = hook.op === "-" ? "-" : ":-";
  return { kind: "value", value: `\${${hook.variable}${op}${next}}` };
}

/** The variable a value delegates to, when it is a hook (`${MINIO_ROOT_USER}` → `MINIO_ROOT_USER`). */
export function hookVariable(value: string | null): string | undefined {
  return value === null ? undefined : parseHook(value)?.variable;
}
