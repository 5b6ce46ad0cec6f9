/**
 * Hiding secret values in displayed diffs. compose-gate moves passwords into Swarm secrets, so
 * the very lines it removes contain them; a terminal or CI log must not.
 */

/** What a masked value is replaced with. */
export const MASK = "****";

/** Values shorter than this are not masked: they would blank out ordinary words and numbers. */
export const MIN_SECRET_LENGTH = 4;

/**
 * A `DiffOptions.mask` that replaces every occurrence of any secret with `****`. Besides each
 * value as given it also masks each line of a multi-line value (diffs are line by line, so a PEM
 * key appears one line at a time) and its `encodeURIComponent` form with either hex case (a
 * password inside `postgres://user:p%40ss@db`). Longer values are tried first so a secret that
 * contains another is hidden whole. Other encodings (YAML escapes, base64) are not recognised.
 * The result is for display: a masked patch no longer matches the file and may not apply.
 */
export function secretMasker(secrets: Iterable<string>): (line: string) => string {
  const patterns = secretVariants(secrets).map(toPattern);
  if (patterns.length === 0) return (line) => line;
  const re = new RegExp(patterns.join("|"), "g");
  return (line) => line.replace(re, MASK);
}

interface Variant {
  value: string;
  urlEncoded: boolean;
}

/** Distinct maskable spellings, longest first. */
function secretVariants(secrets: Iterable<string>): Variant[] {
  const seen = new Map<string, Variant>();
  const add = (value: string, urlEncoded: boolean) => {
    if (value.length >= MIN_SECRET_LENGTH && !seen.has(value)) seen.set(value, { value, urlEncoded });
  };
  for (const secret of secrets) {
    for (const piece of [secret, ...secret.split(/\r?\n/)]) {
      add(piece, false);
      add(encodeURIComponent(piece), true);
    }
  }
  return [...seen.values()].sort((a, b) => b.value.length - a.value.length);
}

function toPattern({ value, urlEncoded }: Variant): string {
  const escaped = value.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  return urlEncoded ? escaped.replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => `%${hexDigit(a)}${hexDigit(b)}`) : escaped;
}

/** `F` → `[Ff]`: percent-escapes are case-insensitive, and both spellings occur in the wild. */
function hexDigit(d: string): string {
  return /[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d;
}
