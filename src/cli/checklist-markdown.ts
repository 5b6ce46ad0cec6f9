/**
 * `check --format markdown`: the gate checklist of each stack, as `transform --write` keeps it
 * next to the stack, for a pull-request comment or `$GITHUB_STEP_SUMMARY`. The status comes from
 * this check; the manual steps from the preset run in memory on the files as they are, plus the
 * steps (and ticks) the checklist file already records, so a finished stack prints exactly what
 * its checklist file says.
 */
import { secretMasker } from "../secrets/mask.js";
import { renderChecklist } from "../report/checklist.js";
import type { Transform } from "../transforms/types.js";
import { checklistItems, checklistTarget, countFindings, manualSteps, readChecklist, sectionKey } from "./checklist.js";
import type { ReadStack } from "./load-stack.js";
import type { StackSpec } from "./stacks.js";
import type { CliRegistry } from "./registry.js";
import type { CheckFinding, SuppressedFinding } from "../report/check-types.js";
import { runPipeline } from "./transform-stack.js";
import type { TransformOptions } from "./transform-options.js";

export interface MarkdownRequest {
  /** The app stacks checked (observability stacks checked on their own have no checklist). */
  stacks: ({ spec: StackSpec; stack: ReadStack; findings: CheckFinding[]; suppressed: SuppressedFinding[] } | undefined)[];
  registry: CliRegistry;
  transforms: Transform[];
  transformOptions: TransformOptions;
  /** The checklist file's name, relative to each stack's folder; false: none is read. */
  checklist: string | false;
  cwd: string;
  /** Whether a file (links followed) is inside the project, or may be read anyway (--allow-outside). */
  inProject: (file: string) => boolean;
  mask: (s: string) => string;
  /** Inputs that could not be checked: said at the end, so nothing reads as complete. */
  errors: number;
}

/** The manual steps the preset leaves on this stack as it is; none when a transform fails (check reports rules, not transforms). */
function stepsOf(stack: ReadStack, request: MarkdownRequest) {
  try {
    const run = runPipeline(stack, request.transforms, request.transformOptions, request.cwd);
    const mask = secretMasker([...run.secrets]);
    return manualSteps(run.findings, request.transforms, (s) => request.mask(mask(s)));
  } catch {
    return [];
  }
}

export function markdownChecklists(request: MarkdownRequest): string {
  const { registry, transforms, cwd } = request;
  const sections: string[] = [];
  for (const checked of request.stacks) {
    if (!checked) continue;
    const { stack, spec } = checked;
    const files = spec.files;
    const target = checklistTarget(files, request.checklist || "GATE.md");
    const items = countFindings(checklistItems(registry.rules, transforms), checked.findings, checked.suppressed);
    const steps = stepsOf(stack, request);
    // A checklist outside the project (a link to another file) is never read: its text would be printed.
    const previous = request.checklist && request.inProject(target) ? readChecklist(target, cwd) : undefined;
    sections.push(renderChecklist({ key: sectionKey(files, target), items, steps }, previous, false));
  }
  if (request.errors > 0) sections.push(`✖ ${request.errors} error${request.errors === 1 ? "" : "s"}: not everything could be checked (see the errors on stderr).\n`);
  return sections.join("\n");
}
