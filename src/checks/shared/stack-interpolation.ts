/**
 * The interpolation `docker stack deploy` gets wrong, per value, with messages that name the
 * variable and the construct but never print the value (a default can be a password).
 * Detection is src/interpolation/swarm.ts (docker/cli `cli/compose/template/template.go`
 * compared with compose-go's grammar); this module only words it for findings.
 */
import type { ComposeDocument, Key } from "../../document/compose-document.js";
import { swarmIncompatibilities, type SwarmIncompatibility } from "../../interpolation/swarm.js";
import { stringValues } from "./model.js";

export interface StackInterpolationIssue {
  effect: SwarmIncompatibility["effect"];
  message: string;
}

/** The head of a reference as it may be shown: `${NAME:-…}`, `${NAME}`, `$NAME`. */
function head(raw: string): string {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?/.exec(raw);
  if (braced) return braced[2] ? `\${${braced[1]}${braced[2]}…}` : `\${${braced[1]}}`;
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(raw);
  return bare ? `$${bare[1]}` : "$";
}

/** docker/cli takes the first of these found anywhere in a reference as its operator. */
function cliOperator(raw: string): string {
  return [":-", "-", ":?", "?"].find((op) => raw.includes(op)) ?? "";
}

function describe(issue: SwarmIncompatibility): string {
  const ref = head(issue.raw);
  switch (issue.kind) {
    case "presence-operator":
      return `${ref} is rejected by docker stack deploy ("invalid interpolation format"): it has no :+ or + operator`;
    case "lone-dollar":
      return `a "$" that starts no variable is rejected by docker stack deploy ("invalid interpolation format"); write "$$"`;
    case "nested-argument":
      return `${ref} nests a \${…} or $$ in its argument, which docker stack deploy uses as written, without an error`;
    case "brace-in-argument":
      return `${ref} has a "}" in its argument; docker stack deploy ends the reference there and keeps the rest as text`;
    case "operator-misread":
      return `${ref} is read by docker stack deploy with the operator "${cliOperator(issue.raw)}" (it looks for :-, -, :?, ? in that order)`;
    case "unbraced-operator": {
      const op = [":-", ":?", "-", "?"].find((o) => issue.raw.startsWith(o, ref.length)) ?? "";
      return `${ref}${op} is read by docker stack deploy as an operator after an unbraced variable, which swallows the text after it; write \${${ref.slice(1)}}${op}`;
    }
  }
}

/** What docker stack deploy rejects (`rejected`) or silently reads differently (`misread`) in `value`. */
export function stackInterpolationIssues(value: string): StackInterpolationIssue[] {
  return swarmIncompatibilities(value).map((issue) => ({ effect: issue.effect, message: describe(issue) }));
}

export interface LocatedIssue extends StackInterpolationIssue {
  /** Path of the value (map keys are not values: compose interpolates values only). */
  path: Key[];
}

const fileIssues = new WeakMap<ComposeDocument, { text: string; issues: LocatedIssue[] }>();

/**
 * Every issue in a file's values, worked out once per file text: two rules report from the same
 * list. Only a value with a `$` can have one.
 */
export function fileInterpolationIssues(doc: ComposeDocument): LocatedIssue[] {
  const text = doc.toString();
  const cached = fileIssues.get(doc);
  if (cached?.text === text) return cached.issues;
  const issues = stringValues(doc, (value) => value.includes("$")).flatMap(({ path, value }) => stackInterpolationIssues(value).map((issue) => ({ ...issue, path })));
  fileIssues.set(doc, { text, issues });
  return issues;
}
