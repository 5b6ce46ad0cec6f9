/**
 * The tests' oracle for masking, written independently of the masker: which secrets a masked
 * patch still shows.
 *
 * - At every place a change says secret text is written (`FileChange.secrets`), the shown line
 *   must not hold that text with its surroundings (up to 8 characters on each side): the
 *   password of `postgres://postgres:postgres@db` must be gone, the words around it may stay.
 * - A distinctive secret (8 characters or more, not a plain word or number) must not appear
 *   anywhere. Word-like ones (`postgres`, `admin`) may, as image names and keys.
 */
import { renderPatch, type FileChange } from "../../src/diff/index.js";
import { secretMasker } from "../../src/secrets/mask.js";

export function isDistinctive(secret: string): boolean {
  return secret.length >= 8 && !/^[A-Za-z]+([_.-][A-Za-z]+)*$/.test(secret) && !/^[0-9.+-]+$/.test(secret);
}

/** Secrets shown by the masked patch of `changes`, each once. */
export function shownSecrets(changes: readonly FileChange[], secrets: readonly string[]): string[] {
  const shown = new Set<string>();
  const mask = secretMasker(secrets);
  const starts = new Map<string, number[]>();
  const lineStart = (text: string, number: number) => {
    let list = starts.get(text);
    if (!list) {
      list = [0];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) list.push(i + 1);
      starts.set(text, list);
    }
    return list[number - 1];
  };
  const patch = renderPatch(changes, {
    mask: (line, at) => {
      const masked = mask(line, at);
      for (const side of ["before", "after"] as const) {
        const number = at[side];
        const spans = at.change.secrets?.[side];
        const text = at.change[side];
        if (number === undefined || !spans || text === null) continue;
        const start = lineStart(text, number);
        const end = start + line.length;
        for (const [s, e] of spans) {
          if (e <= start || s >= end) continue;
          const a = Math.max(s, start) - start;
          const b = Math.min(e, end) - start;
          const secret = line.slice(a, b);
          if (secret.trim() === "") continue;
          if (masked.includes(line.slice(Math.max(0, a - 8), Math.min(line.length, b + 8)))) shown.add(secret);
        }
      }
      return masked;
    },
  });
  // File names are not secret (a password like "wordpress" may also name the file).
  const content = patch
    .split("\n")
    .filter((l) => !/^(diff --git|--- |\+\+\+ )/.test(l))
    .join("\n");
  for (const secret of secrets) if (isDistinctive(secret) && content.includes(secret)) shown.add(secret);
  return [...shown];
}
