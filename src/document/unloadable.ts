/**
 * YAML that parses but that compose-gate must not read as a compose file: what Docker cannot
 * load (a list or map as a key, a merge of something that is not a map), tags whose meaning
 * compose-gate cannot keep, and templates that only become YAML once rendered.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { isMergePair, resolveAlias } from "./resolve.js";
import { walkNodes } from "./walk.js";

export interface Unloadable {
  code: "COMPLEX_KEY" | "BAD_MERGE" | "UNKNOWN_TAG";
  message: string;
  offset: number;
}

/**
 * Tags that mean the same to Docker and to compose-gate: YAML's core types and compose's merge
 * tags. Docker reads any other tag as plain text (`!vault`, `!Ref`) or as a YAML 1.1 type that
 * compose-gate would read differently (`!!binary`, `!!timestamp`, `!!set`).
 */
const KNOWN_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`).concat(["!reset", "!override"]));

/** The first entry or value that compose-gate refuses, in document order. */
export function unloadable(doc: Document.Parsed, text: string): Unloadable | undefined {
  let found: Unloadable | undefined;
  walkNodes(doc.contents, (node) => {
    if (isPair(node)) {
      const key = node.key as Node | null;
      if (isCollection(isAlias(key) ? resolveAlias(doc, key) : key)) {
        found = { code: "COMPLEX_KEY", message: "a map key must be a plain value (text or a number), not a list or a map", offset: key!.range?.[0] ?? 0 };
      } else if (isMergePair(node)) {
        const bad = badMergeSource(doc, node.value as Node | null);
        if (bad !== undefined) {
          found = { code: "BAD_MERGE", message: "`<<` merges maps only: its value must be a map, an alias of a map, or a list of those", offset: bad ?? key?.range?.[0] ?? 0 };
        }
      }
      return found !== undefined;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag === undefined || KNOWN_TAGS.has(tag)) return false;
    // The value's range starts after its tag: point at the tag itself.
    const start = node.range?.[0] ?? 0;
    let offset = Math.max(0, text.lastIndexOf("!", start));
    while (offset > 0 && text[offset - 1] === "!") offset--;
    const written = /^!\S*/.exec(text.slice(offset))?.[0] ?? tag;
    found = {
      code: "UNKNOWN_TAG",
      message: `${namedTag(written)} is not one compose-gate can keep the meaning of (Docker reads it as plain text or as another type); remove it, or render the file with the tool it belongs to (Ansible, CloudFormation, …) first; if the value is text that starts with !, quote it`,
      offset,
    };
    return true;
  });
  return found;
}

/**
 * Tags of the tools compose files are mistaken for (YAML 1.1 types, Ansible, CloudFormation,
 * GitLab, language-specific object tags), named in messages. Any other tag is not: the text
 * after `!` may be a password that starts with `!`.
 */
const NAMED_TAGS = /^(!!(binary|timestamp|set|omap|pairs|merge|value|yaml)|!(vault|unsafe|Ref|Sub|GetAtt|Join|If|Equals|Not|And|Or|Condition|FindInMap|Base64|Cidr|ImportValue|Select|Split|GetAZs|Transform|reference|include|env|Env|secret))$/;
/** Object tags name a class after the `/`: only the family is named. */
const OBJECT_TAGS = /^!!(python|ruby|js|perl|php|java)\//;

function namedTag(written: string): string {
  if (NAMED_TAGS.test(written)) return `tag ${written}`;
  const family = OBJECT_TAGS.exec(written);
  return family ? `tag ${family[0]}…` : "a tag (`!…`)";
}

/** Offset of the merge source that is not a map (null when there is none to point at), or undefined when all are maps. */
function badMergeSource(doc: Document.Parsed, value: Node | null): number | null | undefined {
  const target = isAlias(value) ? resolveAlias(doc, value) : value;
  const sources = isSeq(target) ? target.items : [value];
  const bad = sources.find((s) => !isMap(isAlias(s) ? resolveAlias(doc, s) : s));
  if (bad === undefined) return undefined;
  return (bad as Node | null)?.range?.[0] ?? value?.range?.[0] ?? null;
}

/**
 * Keys written twice in one map (yaml's own rule: the same node, or scalars with the same
 * value), found with one set per map. Docker refuses such files, and which value wins differs
 * between tools.
 */
export function duplicateKeys(doc: Document): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  walkNodes(doc.contents, (node) => {
    if (!isMap(node)) return;
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const id = isScalar(key) ? key.value : key;
      if (!seen.has(id)) seen.add(id);
      else out.push({ offset: key?.range?.[0] ?? 0, message: `duplicate key ${JSON.stringify(String(typeof id === "symbol" ? "<<" : id))}: map keys must be unique` });
    }
  });
  return out;
}

/**
 * Where the text first uses template syntax outside quotes and comments: Helm/Go `{{ … }}`,
 * Jinja `{% … %}` and `{# … #}`. Swarm's own `{{.Node.ID}}` placeholders sit inside quoted or
 * plain scalars that parse; this is only consulted once the text failed to load.
 */
export function templateMarker(text: string): { offset: number; kind: string } | undefined {
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const m = /\{\{|\{%|\{#/.exec(line);
    if (m && !inQuoteOrComment(line.slice(0, m.index))) {
      // The kind of marker, not the text: a value such as `pa{{ss` would otherwise be quoted.
      return { offset: lineStart + m.index, kind: `${m[0]} … ${m[0] === "{{" ? "}}" : m[0] === "{%" ? "%}" : "#}"}` };
    }
    lineStart += line.length + 1;
  }
  return undefined;
}

/** Whether the end of `before` is inside a quoted string or a comment. */
function inQuoteOrComment(before: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(before[i - 1]))) return true;
  }
  return quote !== null;
}
