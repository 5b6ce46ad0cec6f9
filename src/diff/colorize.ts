/**
 * Terminal colours for a patch. Colour functions are injected so this module does not depend
 * on picocolors and tests can use visible markers.
 */

/** The four styles a patch uses. */
export interface PatchColors {
  red: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
  bold: (s: string) => string;
}

/**
 * Colours headers bold, `@@` lines cyan, removed lines red and added lines green.
 *
 * Hunk bodies are recognised by counting the lines announced in each `@@` header, not by their
 * first characters: a removed YAML line `-- item` is printed as `--- item`, which would
 * otherwise look like a file header. A trailing `\r` stays outside the colour codes.
 */
export function colorize(patch: string, colors: PatchColors): string {
  let oldLeft = 0;
  let newLeft = 0;
  const style = (line: string): string => {
    if (oldLeft > 0 || newLeft > 0) {
      const op = line[0];
      if (op === " " && oldLeft > 0 && newLeft > 0) { oldLeft--; newLeft--; return line; }
      if (op === "-" && oldLeft > 0) { oldLeft--; return colors.red(line); }
      if (op === "+" && newLeft > 0) { newLeft--; return colors.green(line); }
      if (op === "\\") return line;
      oldLeft = newLeft = 0; // malformed body: fall back to header rules
    }
    const counts = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (counts) {
      oldLeft = Number(counts[1] ?? 1);
      newLeft = Number(counts[2] ?? 1);
      return colors.cyan(line);
    }
    if (line === "" || line.startsWith("\\")) return line;
    return colors.bold(line);
  };
  return patch
    .split("\n")
    .map((line) => (line.endsWith("\r") ? style(line.slice(0, -1)) + "\r" : style(line)))
    .join("\n");
}
