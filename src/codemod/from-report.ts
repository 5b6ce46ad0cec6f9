/**
 * `--from-report FILE`: the variables to rewrite, taken from compose-gate's own
 * `check --format json` report. Each `gate/plaintext-secret` finding names one variable that
 * still reaches a service as plaintext (`Service "functions": STRIPE_SECRET_KEY is set from
 * ${STRIPE_SECRET_KEY}, …`); after env-to-secrets has run, those are the variables it could not
 * move because the image does not read `<NAME>_FILE`. Findings about connection URLs and values
 * composed of several references are left out: env-to-secrets does not convert those even for
 * an image that reads `_FILE`. `--service` narrows the findings to the services whose images
 * you build.
 */
import { z } from "zod";
import { parseJson } from "../config/load.js";
import { readTextFile } from "../io/read.js";

const RULE = "gate/plaintext-secret";

const ReportSchema = z.object({
  findings: z.array(z.object({ ruleId: z.string(), message: z.string(), service: z.string().optional() }).loose()),
});

/** `Service "<service>": <NAME> <what>` — the head of every finding of the rule. */
const HEAD = /^Service "[^"]*": (\S+) /;

/** Exposures env-to-secrets never converts (see src/checks/shared/secret-values.ts). */
const NOT_CONVERTIBLE = [/in a connection URL/, /^is built from /];

export interface ReportVariables {
  variables: string[];
  /** Names a program cannot read as `process.env.NAME` (not identifiers), left out. */
  skipped: string[];
  /** How many findings of the rule the report holds for the selected services. */
  findings: number;
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportError";
  }
}

export function variablesFromReport(file: string, display: string, services: readonly string[]): ReportVariables {
  const text = readTextFile(file, display).text.replace(/^\uFEFF/, "");
  const parsed = ReportSchema.safeParse(parseJson(text, display));
  if (!parsed.success) throw new ReportError(`${display}: not a compose-gate check report (expected {"findings": […]} as \`compose-gate check --format json\` writes it)`);
  const selected = parsed.data.findings.filter((f) => f.ruleId === RULE && (services.length === 0 || (f.service !== undefined && services.includes(f.service))));
  const variables: string[] = [];
  const skipped: string[] = [];
  selected.forEach((finding, i) => {
    const match = HEAD.exec(finding.message);
    if (!match) throw new ReportError(`${display}: finding ${i + 1} of ${RULE} does not name its variable as \`Service "…": NAME …\`; was the report written by another compose-gate version?`);
    const [, name] = match;
    const what = finding.message.slice(match[0].length);
    if (NOT_CONVERTIBLE.some((p) => p.test(what))) return;
    const list = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? variables : skipped;
    if (!list.includes(name)) list.push(name);
  });
  return { variables, skipped, findings: selected.length };
}
