/**
 * The gate checklist: one Markdown section per stack, listing each gate item's status and every
 * manual step left, with a checkbox the user ticks. `transform --write` keeps it in a file next
 * to the stack (GATE.md by default) and `check --format markdown` prints it.
 *
 * A section sits between two HTML comments that name the stack; everything outside them is the
 * user's and is never changed. Steps are recorded: a step a later run no longer reports (the
 * change that caused it is done) stays listed, with its tick, until the user deletes its line.
 * The same state always renders the same text, so a second run changes nothing.
 */

export interface ChecklistItem {
  /** The check rule that tells whether the item is open (`gate/minio`). */
  id: string;
  /** The item's name: the titles of the transforms that close it, else the rule's summary (of the problem). */
  title: string;
  /** Whether a transform closes the item; when none does, the title names a problem and "done" reads "none found". */
  closedByTransform?: boolean;
  /** Findings of the rule in the stack (suppressed ones not counted). */
  open: number;
  suppressed: number;
}

export interface ChecklistStep {
  /** The gate item the step belongs to (the rule its transform closes); undefined: other steps. */
  item?: string;
  transform: string;
  message: string;
}

export interface ChecklistSection {
  /** Names the section in its markers: the stack's files, relative to the checklist's folder. */
  key: string;
  items: ChecklistItem[];
  steps: ChecklistStep[];
}

interface RecordedStep {
  item?: string;
  /** The step as written after the checkbox. */
  text: string;
  ticked: boolean;
}

const OTHER = "other steps";

function begin(key: string): string {
  return `<!-- compose-gate:checklist ${key} -->`;
}

function end(key: string): string {
  return `<!-- compose-gate:checklist-end ${key} -->`;
}

/**
 * The section for `section`, with the steps recorded in `previous` (the checklist file as it
 * is, if any) kept and their ticks preserved. `markers: false` leaves out the HTML comments
 * (for printing).
 */
export function renderChecklist(section: ChecklistSection, previous?: string, markers = true): string {
  const recorded = recordedSteps(previous, section.key);
  const groups = groupSteps(section, recorded);
  const lines: string[] = [];
  if (markers) lines.push(begin(section.key));
  lines.push(`## Gate checklist: ${escapeText(section.key)}`, "");
  lines.push(
    "Kept current by `compose-gate transform --write`; `compose-gate check --format markdown` prints the same list. " +
      "Tick a step once it is done (`- [x]`): the tick is kept. A step stays listed until you delete its line. " +
      "Text outside the compose-gate comments is yours.",
    "",
  );
  if (section.items.length > 0) {
    lines.push("| gate item | status |", "|---|---|");
    for (const item of section.items) {
      const steps = groups.get(item.id) ?? [];
      lines.push(`| ${escapeCell(escapeText(item.title))} (\`${item.id}\`) | ${escapeCell(status(item, steps))} |`);
    }
    lines.push("");
  }
  const headings = [...section.items.map((i) => [i.id, `${escapeText(i.title)} (\`${i.id}\`)`] as const), [OTHER, "Other steps"] as const];
  const withSteps = headings.filter(([id]) => (groups.get(id) ?? []).length > 0);
  if (withSteps.length === 0) {
    lines.push("No manual steps.", "");
  } else {
    lines.push("### Manual steps", "");
    for (const [id, heading] of withSteps) {
      lines.push(`#### ${heading}`, "");
      for (const step of groups.get(id)!) lines.push(`- [${step.ticked ? "x" : " "}] ${step.text}`);
      lines.push("");
    }
  }
  if (markers) lines.push(end(section.key));
  else while (lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

/**
 * `file` with the section of `key` replaced by `section` (or appended, after a blank line),
 * byte for byte elsewhere; a file that uses CRLF gets the section in CRLF.
 */
export function mergeChecklist(file: string | undefined, key: string, section: string): string {
  if (file === undefined || file === "") return section;
  const eol = file.includes("\r\n") ? "\r\n" : "\n";
  const text = eol === "\r\n" ? section.replace(/\n/g, "\r\n") : section;
  const span = sectionSpan(file, key);
  if (span) return file.slice(0, span.start) + text + file.slice(span.end);
  const separator = file.endsWith(`${eol}${eol}`) ? "" : file.endsWith(eol) ? eol : `${eol}${eol}`;
  return file + separator + text;
}

/** Where the section of `key` is in `file`, its final line break included. */
function sectionSpan(file: string, key: string): { start: number; end: number } | undefined {
  const start = file.indexOf(begin(key));
  if (start < 0) return undefined;
  const close = file.indexOf(end(key), start);
  if (close < 0) return undefined;
  let stop = close + end(key).length;
  if (file.startsWith("\r\n", stop)) stop += 2;
  else if (file.startsWith("\n", stop)) stop += 1;
  return { start, end: stop };
}

/** The steps the section of `key` in `file` lists, with their ticks. */
function recordedSteps(file: string | undefined, key: string): RecordedStep[] {
  if (!file) return [];
  const span = sectionSpan(file, key);
  if (!span) return [];
  const steps: RecordedStep[] = [];
  let item: string | undefined;
  for (const line of file.slice(span.start, span.end).split(/\r?\n/)) {
    const heading = /^#### .*\(`([^`]+)`\)\s*$/.exec(line);
    if (heading) item = heading[1];
    else if (/^#### /.test(line)) item = undefined;
    const step = /^- \[([ xX])\] (.+)$/.exec(line);
    if (step) steps.push({ item, text: step[2].trimEnd(), ticked: step[1] !== " " });
  }
  return steps;
}

/**
 * Steps by item: the recorded ones first, in their order, then the new ones; one line per
 * step. A step is the same step whichever transform reports it (a step two transforms share,
 * such as adding the deploy secrets, is reported by the first of them that runs, which may
 * differ from one run to the next), so lines are told apart by their text after the transform.
 */
function groupSteps(section: ChecklistSection, recorded: RecordedStep[]): Map<string, RecordedStep[]> {
  const known = new Set(section.items.map((i) => i.id));
  const groups = new Map<string, RecordedStep[]>();
  const seen = new Set<string>();
  const add = (item: string | undefined, step: RecordedStep) => {
    const key = step.text.replace(/^\*\*[^*]+\*\*: /, "");
    if (seen.has(key)) return;
    seen.add(key);
    const id = item !== undefined && known.has(item) ? item : OTHER;
    groups.set(id, [...(groups.get(id) ?? []), step]);
  };
  for (const step of recorded) add(step.item, step);
  for (const step of section.steps) add(step.item, { text: stepText(step), ticked: false });
  return groups;
}

function stepText(step: ChecklistStep): string {
  return `**${step.transform}**: ${escapeText(step.message.replace(/\s*\r?\n\s*/g, " ").trim())}`;
}

function status(item: ChecklistItem, steps: RecordedStep[]): string {
  const suppressed = item.suppressed > 0 ? ` (${item.suppressed} accepted in the config)` : "";
  if (item.open > 0) return `✖ open: ${item.open} finding${item.open === 1 ? "" : "s"} (\`compose-gate check\` lists them)${suppressed}`;
  const left = steps.filter((s) => !s.ticked).length;
  if (left > 0) return `… done in the files; ${left} of ${steps.length} manual step${steps.length === 1 ? "" : "s"} left${suppressed}`;
  return `✔ ${item.closedByTransform === false ? "none found" : "done"}${suppressed}`;
}

/**
 * Markdown that shows the text as written: `*`, `<` and `>` are escaped, and so is `_` at the
 * edge of a word (inside a word it never starts emphasis, so `S3_ACCESS_KEY` stays readable); a
 * backslash only where Markdown would read it as an escape — before ASCII punctuation, or ending
 * the text (CommonMark, "Backslash escapes") — so `printf '%s\n'` reads the same in the raw
 * file as rendered; `code spans` are kept as they are.
 */
export function escapeText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\\(?=[!-/:-@[-`{-~]|$)|[*<>]/g, "\\$&").replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace("_", "\\_"))))
    .join("");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
