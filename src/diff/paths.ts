/**
 * Path spelling in git patch headers. `git apply` parses names exactly the way git writes them,
 * so compose-gate copies git: C-style quoting (with the `a/`/`b/` prefix inside the quotes) for
 * control characters, `"`, `\` and non-ASCII bytes (git's default `core.quotePath`), and a
 * trailing tab on `---`/`+++` lines when the name contains a space, which keeps GNU patch from
 * reading the rest of the name as a timestamp.
 */

/** Throws for paths no patch can name; the rest of the module trusts `path` afterwards. */
export function assertPatchPath(path: string): void {
  if (path === "" || path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.includes("\0")) {
    throw new TypeError(`diff: expected a repository-relative path, got ${JSON.stringify(path)}`);
  }
}

/** Removes `./` prefixes so `./compose.yml` and `compose.yml` give the same patch. */
export function normalizePatchPath(path: string): string {
  let p = path;
  while (p.startsWith("./")) p = p.slice(2);
  return p;
}

/** `a/<path>` as written in a `diff --git` line, quoted when git would quote it. */
export function gitName(prefix: "a/" | "b/", path: string): string {
  return quoteIfNeeded(prefix + path);
}

/** The `---`/`+++` spelling: like `gitName` plus git's tab terminator for names with spaces. */
export function fileHeaderName(prefix: "a/" | "b/", path: string): string {
  return gitName(prefix, path) + (path.includes(" ") ? "\t" : "");
}

const SIMPLE_ESCAPES: Record<number, string> = {
  0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0b: "\\v", 0x0c: "\\f", 0x0d: "\\r",
  0x22: '\\"', 0x5c: "\\\\",
};

function needsQuoting(name: string): boolean {
  return /[\u0000-\u001f"\\\u007f-\uffff]/.test(name);
}

/** C-style quoting over the UTF-8 bytes, octal for everything without a short escape. */
function quoteIfNeeded(name: string): string {
  if (!needsQuoting(name)) return name;
  let out = '"';
  for (const byte of Buffer.from(name, "utf8")) {
    const simple = SIMPLE_ESCAPES[byte];
    if (simple !== undefined) out += simple;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += "\\" + byte.toString(8).padStart(3, "0");
  }
  return out + '"';
}
