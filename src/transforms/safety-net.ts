/**
 * The semantic safety net: after a transform, the data of each file may differ from before
 * only at paths the document layer logged as edited. Anything else changing means an edit
 * reached further than it said (a bug); the pipeline then refuses the transform's output.
 */
import { isDeepStrictEqual } from "node:util";
import type { Key } from "../document/resolve.js";

/** Paths (as key arrays) where two plain values differ, as deep as both sides are maps. */
export function differingPaths(before: unknown, after: unknown, path: Key[] = []): Key[][] {
  if (isDeepStrictEqual(before, after)) return [];
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isMap(before) && isMap(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => differingPaths(before[k], after[k], [...path, k]));
  }
  return [path];
}

const related = (a: Key[], b: Key[]) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

/** Differences not covered by any edited path (one is a prefix of the other). */
export function undeclaredChanges(before: unknown, after: unknown, edited: Key[][]): Key[][] {
  return differingPaths(before, after).filter((d) => !edited.some((e) => related(d, e)));
}
