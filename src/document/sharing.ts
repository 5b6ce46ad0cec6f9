/**
 * Text shared through anchors: which anchors an edit at a path would pass through or land in,
 * which aliases use each, and whether removing a node would leave an alias without its anchor.
 * Reads ask it (`sharedAt`, `anchorsAt`, `aliasesOf`) and every edit asks it first, through
 * the anchor guard, so the cheap question — is anything shared here? — is answered without
 * the walk of the whole file that finding the users' paths costs.
 */
import { isNode, type Document, type Node } from "yaml";
import { EditError } from "./errors.js";
import { isAliased, listAliases, resolveAlias, type Path, type Resolved } from "./resolve.js";
import type { AliasUse, DocState } from "./state.js";
import type { AnchorUse } from "./types.js";
import { walkNodes } from "./walk.js";

/** Every alias with its path and the node it resolves to, computed once per edit. */
export function aliasList(state: DocState): AliasUse[] {
  state.aliases ??= listAliases(state.doc).map((a) => ({ ...a, target: resolveAlias(state.doc, a.alias) }));
  return state.aliases;
}

/** Paths of the aliases that refer to `anchor`. */
export function aliasesOf(state: DocState, anchor: string): string[] {
  return aliasList(state)
    .filter((a) => a.alias.source === anchor)
    .map((a) => a.path);
}

function usersOf(state: DocState, node: unknown): string[] {
  return aliasList(state)
    .filter((a) => a.target === node)
    .map((a) => a.path);
}

/** The collections on the way to `r` and, when asked, the node it names: where an anchor could be. */
function anchorCandidates(r: Resolved, includeTarget: boolean): unknown[] {
  const nodes: unknown[] = r.trail.map((t) => t.node);
  if (includeTarget && r.node) nodes.push(r.node);
  return nodes;
}

/**
 * The anchors of `sharedAnchors`, in the same order, without the users' paths: a crossed
 * alias uses its anchor, and an anchored node is shared when some alias resolves to it. This
 * is what every edit asks; the paths (a walk of the whole file) only when the answer is yes.
 */
export function sharedAnchorNames(doc: Document, r: Resolved, includeTarget: boolean): string[] {
  const names: string[] = [];
  const add = (anchor: string) => void (names.includes(anchor) || names.push(anchor));
  for (const c of r.crossings) add(c.anchor);
  for (const node of anchorCandidates(r, includeTarget)) {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && isAliased(doc, node)) add(anchor);
  }
  return names;
}

/** Anchors whose text an edit at `r` would change (aliases crossed, anchored containers), with their users. */
export function sharedAnchors(state: DocState, r: Resolved, includeTarget: boolean): AnchorUse[] {
  if (sharedAnchorNames(state.doc, r, includeTarget).length === 0) return [];
  const out: AnchorUse[] = [];
  const add = (anchor: string, users: string[]) => {
    if (users.length > 0 && !out.some((u) => u.anchor === anchor)) out.push({ anchor, users });
  };
  for (const c of r.crossings) add(c.anchor, aliasesOf(state, c.anchor));
  for (const node of anchorCandidates(r, includeTarget)) {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) add(anchor, usersOf(state, node));
  }
  return out;
}

/** Removing or replacing a node whose anchor is still used elsewhere would leave a dangling alias. */
export function assertNoDanglingAliases(state: DocState, node: Node | null, path: Path): void {
  if (!node) return;
  const inside = new Set<unknown>();
  const anchored: Node[] = [];
  walkNodes(node, (n) => {
    inside.add(n);
    if (isNode(n) && n.anchor) anchored.push(n);
  });
  for (const target of anchored) {
    const outside = aliasList(state).filter((a) => !inside.has(a.alias) && a.target === target);
    if (outside.length > 0) {
      const anchor = (target as { anchor?: string }).anchor!;
      throw new EditError(
        "ANCHOR_IN_USE",
        `cannot remove ${path.join(".")}: it defines anchor &${anchor}, still used by ${outside.map((o) => o.path).join(", ")}`,
        { anchor, users: outside.map((o) => o.path) },
      );
    }
  }
}
