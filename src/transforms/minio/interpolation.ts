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

/**
 * The text compose produces when no variable is set: defaults are taken, bare and required
 * variables become empty, `$$` becomes `$`. Used to see where a value points by default.
 */
export function resolveDefaults(value: string): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const ch = value[i];
    if (ch !== "$") {
      out += ch;
      i++;
      continue;
    }
    if (value[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (value[i + 1] === "{") {
      const end = closingBrace(value, i + 1);
      if (end < 0) return out + value.slice(i);
      out += resolveExpression(value.slice(i + 2, end));
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
    i += 1 + (name ? name[0].length : 0);
    if (!name) out += "$";
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function resolveExpression(inner: string): string {
  const m = /^[A-Za-z_][A-Za-z0-9_]*(:?[-?+])?([\s\S]*)$/.exec(inner);
  if (!m) return "";
  const op = m[1] ?? "";
  return op.endsWith("-") ? resolveDefaults(m[2]) : "";
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
