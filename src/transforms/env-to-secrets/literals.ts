/**
 * Secret values written in the file whose service can read them neither from a `*_FILE`
 * variable nor through a shim (an image without a shell, one compose-gate does not know): the
 * value still leaves the repository. It becomes `${NAME}`, so it comes from the deploy
 * environment, and a step says to set NAME there and rotate the value, which stays in git
 * history. The variable keeps reaching the service as before; only where it is written changes.
 */
import { valueVariableFor } from "../../secrets/naming.js";
import type { TransformContext } from "../types.js";
import type { Leftover } from "./manual.js";
import { addDropped, at, type RunLog } from "./run-log.js";
import { interpolatedVariables } from "./workflow.js";
import { identityOf } from "./values.js";

/** Whether the entry can be rewritten where it is written, touching no other service. */
function editableAlone(ctx: TransformContext, item: Leftover): boolean {
  const use = item.use;
  if (use.entry.sharedVia || use.definitions.length > 1 || !ctx.project.isEditable(use.doc)) return false;
  const envPath = use.entry.path.slice(0, -1);
  return use.doc.anchorsAt(envPath).length === 0 && !use.doc.hasMergeKey(envPath);
}

/** The value with its literal secret replaced by `${variable}`, or undefined when it has none this can replace. */
function replaced(item: Leftover, variable: string): { value: string; text: string } | undefined {
  const reference = `\${${variable}}`;
  if (item.kind === "secret" && item.use.value.kind === "literal") return { value: reference, text: item.use.value.text };
  if (item.kind === "url" && !item.use.value.viaDefaultOf) {
    const { scheme, user, password, rest } = item.use.value.url;
    if (password.includes("$") || user.includes(password) || rest.includes(password)) return undefined;
    return { value: `${scheme}://${user}:${reference}@${rest}`, text: password };
  }
  return undefined;
}

/**
 * The deploy variable a literal becomes: the entry's own name (`AWS_SECRET_KEY: x` →
 * `${AWS_SECRET_KEY}`), so that two values that merely had the same text can be rotated apart;
 * a URL's password, or a name the stack already uses for another value, takes the secret's name.
 */
function variableFor(item: Leftover, secret: string, used: ReadonlySet<string>): string {
  const own = item.use.entry.name;
  return item.kind === "secret" && !used.has(own) ? own : valueVariableFor(secret);
}

/** Replace the literal secrets left in plain environment by `${NAME}` (see above). */
export function takeLiteralsOut(ctx: TransformContext, names: ReadonlyMap<string, string>, log: RunLog): void {
  const used = new Set(interpolatedVariables(ctx.project));
  for (const items of log.leftovers.values()) {
    for (const item of items) {
      if (item.kind === "template" || (item.kind === "secret" && item.reason) || !editableAlone(ctx, item)) continue;
      const literal = item.kind === "secret" && item.use.value.kind === "literal" ? identityOf(item.use.value) : undefined;
      const identity = literal ?? (item.kind === "url" ? `literal:${item.use.value.url.password}` : undefined);
      if (!identity) continue;
      const variable = variableFor(item, names.get(identity) ?? item.secret, used);
      const edit = replaced(item, variable);
      if (!edit) continue;
      const use = item.use;
      use.doc.setEnv(use.service, use.entry.name, edit.value);
      log.edited = true;
      if (item.kind === "secret") item.replacedBy = `\${${variable}}`;
      ctx.change(`services.${use.service}: ${use.entry.name}'s value left the file: it reads \${${variable}} from the deploy environment`, at(use));
      addDropped(log, `${identity}\u0000${variable}`, { kind: "literal", text: edit.text, now: { variable } }, [use]);
    }
  }
}
