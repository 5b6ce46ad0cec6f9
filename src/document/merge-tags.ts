/**
 * Compose's multi-file merge tags, `!reset` and `!override`: where they stand in a file.
 * `docker compose` clears or replaces the tagged value when it merges files, `docker stack
 * deploy` ignores the tags, so the project's merged model and a check need each one.
 */
import { isMap, isSeq, type Document } from "yaml";
import { isMergePair, keyString, type Key } from "./resolve.js";

export interface MergeTag {
  path: Key[];
  tag: "!reset" | "!override";
}

/** Values tagged `!reset` or `!override`, with their paths, in file order. */
export function mergeTags(doc: Document, text: string): MergeTag[] {
  const out: MergeTag[] = [];
  // Written as `!reset` or `!<!reset>`, the name is in the text; a %TAG handle can split it.
  if (!text.includes("reset") && !text.includes("override") && !text.includes("%TAG")) return out;
  const walk = (node: unknown, path: Key[]) => {
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag === "!reset" || tag === "!override") out.push({ path, tag });
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = keyString(pair);
        if (k !== undefined && !isMergePair(pair)) walk(pair.value, [...path, k]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}
