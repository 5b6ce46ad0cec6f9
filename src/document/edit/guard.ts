/**
 * The check every edit makes before it touches text: would it land in text other entries
 * share through an anchor? The caller's `SharedPolicy` decides — refuse (an `EditError` naming
 * the anchor and its users), edit the anchor for every user, or override locally where YAML
 * allows it. The guard also writes the edit log: the path edited and, for a deliberate anchor
 * edit, every alias user, which the pipeline's safety net compares data at.
 */
import { EditError } from "../errors.js";
import { anchorPaths, type Path, type Resolved } from "../resolve.js";
import { sharedAnchorNames, sharedAnchors } from "../sharing.js";
import type { DocState } from "../state.js";
import type { AnchorUse, SharedPolicy } from "../types.js";

/** What the edit does at the path: change what is there, add under it, or remove it. */
export type EditKind = "set" | "insert" | "delete";

/**
 * Log the edit of `path` (resolved as `r`) and say where it goes: `"here"` (the text at `r`,
 * shared or not) or `"local"` (a new key in the map that merges the value in). Throws
 * `EditError("SHARED_ANCHOR")` when the policy allows neither.
 */
export function guard(state: DocState, r: Resolved, path: Path, policy: SharedPolicy = "refuse", op: EditKind): "here" | "local" {
  const uses = sharedAnchors(state, r, op !== "delete");
  state.edited.push([...path]);
  if (uses.length === 0) return "here";
  if (policy === "anchor") {
    logAliasUsers(state, uses);
    return "here";
  }
  const containerShared = sharedAnchorNames(state.doc, { ...r, crossings: [] }, false).length > 0;
  const lastStep = path.length - 1;
  const mergedHere = r.crossings.length > 0 && r.crossings.every((c) => c.merge && c.step === lastStep);
  if (policy === "local" && op === "set" && !containerShared && mergedHere) return "local";
  throw sharedError(path, uses);
}

/** An edit of the anchors in `uses` reaches every alias user: log where they are, for the safety net. */
function logAliasUsers(state: DocState, uses: AnchorUse[]): void {
  // Aliases can reach the anchor through other anchors (`d: *y` where `y` holds `*x`): the
  // plain data of any of them may change, so the cache starts over.
  state.plain.forget([[]]);
  for (const use of uses) {
    const sites = [...use.users, ...anchorPaths(state.doc, use.anchor)];
    for (const site of sites) {
      // `services.a.environment.<<.4` (a list merge): the merging map is what changes.
      const parts = site.split(".");
      const cut = parts.indexOf("<<");
      state.edited.push((cut >= 0 ? parts.slice(0, cut) : parts).filter((k) => k !== ""));
    }
  }
}

function sharedError(path: Path, uses: AnchorUse[]): EditError {
  const first = uses[0];
  const where = path.map(String).join(".");
  if (!first) return new EditError("SHARED_ANCHOR", `${where} is shared through an anchor`);
  return new EditError(
    "SHARED_ANCHOR",
    `${where} is shared through anchor &${first.anchor} (also used by ${first.users.join(", ") || "other entries"}); editing it would change every user`,
    { anchor: first.anchor, users: first.users },
  );
}
