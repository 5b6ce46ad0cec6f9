/**
 * Shrinking a failing input to something a person can read: delta debugging over lines, then
 * over characters, keeping every cut after which the input still fails the same way.
 */

/** The failure with numbers and quoted text blanked, so "line 12" and "line 9" count as the same. */
export function signature(violation: string): string {
  return violation.split("\n")[0].replace(/"[^"]*"/g, '""').replace(/\d+/g, "N").slice(0, 120);
}

/**
 * The smallest text found for which `fails` still holds, trying at most `budget` candidates.
 * Chunks of `unit`s are removed, halving the chunk size whenever no chunk can go (ddmin).
 */
function shrink(parts: string[], fails: (text: string) => boolean, budget: { left: number }): string[] {
  let current = parts;
  let chunk = Math.max(1, Math.floor(current.length / 2));
  while (chunk >= 1 && budget.left > 0) {
    let removed = false;
    for (let start = 0; start < current.length && budget.left > 0; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      budget.left--;
      if (candidate.length < current.length && fails(candidate.join(""))) {
        current = candidate;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return current;
}

export function reduce(text: string, fails: (text: string) => boolean, maxTries = 2000): string {
  const budget = { left: maxTries };
  const lines = shrink(text.split(/(?<=\n)/), fails, budget).join("");
  return shrink([...lines], fails, budget).join("");
}
