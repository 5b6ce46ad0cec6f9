/**
 * `compose-gate explain <id>`: for a transform, what it does, its options with types and
 * defaults (from its zod schema) and the diff it makes on the Busflow example; for a check,
 * its description, severity, the transform that fixes it and how to suppress it.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { secretMasker } from "../../secrets/mask.js";
import type { RuleInfo } from "../../report/check-types.js";
import { displayPatch } from "../../report/patch.js";
import { formatTransformFindings } from "../../report/transform-findings.js";
import { runTransforms } from "../../transforms/pipeline.js";
import type { Transform } from "../../transforms/types.js";
import { CliError, EXIT, suggest, type ExitCode } from "../errors.js";
import type { Output } from "../io.js";
import { optionDocs } from "../option-docs.js";
import { packageFile } from "../package-file.js";
import type { CliRegistry } from "../registry.js";
import type { CommandContext } from "../run.js";

/** The example the README uses; part of the repository (and of the package when shipped). */
const EXAMPLE_NAME = "examples/busflow/docker-compose.production.yml";
const EXAMPLE = packageFile(EXAMPLE_NAME);

export async function explainCommand(id: string, ctx: CommandContext): Promise<ExitCode> {
  const registry = await ctx.loadRegistry();
  const transform = registry.transforms.find((t) => t.id === id);
  const rule = registry.rules.find((r) => r.id === id);
  if (!transform && !rule) {
    const known = [...registry.transforms.map((t) => t.id), ...registry.rules.map((r) => r.id)];
    throw new CliError(`unknown transform or check id "${id}"${suggest(id, known)}; known: ${known.join(", ") || "(none)"}`);
  }
  const parts = [transform ? explainTransform(transform, registry, ctx.out) : "", rule ? explainRule(rule, registry, ctx.out) : ""];
  ctx.out.io.stdout.write(parts.filter(Boolean).join("\n\n"));
  return EXIT.ok;
}

function explainTransform(t: Transform, registry: CliRegistry, out: Output): string {
  const c = out.out;
  const presets = Object.entries(registry.presets).filter(([, ids]) => ids.includes(t.id)).map(([name]) => name);
  const meta = [t.closes ? `closes ${t.closes}` : "", presets.length ? `preset: ${presets.join(", ")}` : ""].filter(Boolean).join(" · ");
  return [
    `${c.bold(t.id)} — ${t.title}${meta ? `\n${c.dim(meta)}` : ""}`,
    t.summary,
    optionsSection(t, out),
    exampleSection(t, out),
  ].join("\n\n");
}

function optionsSection(t: Transform, out: Output): string {
  const c = out.out;
  const docs = optionDocs(t.options);
  const head = `${c.bold("Options")} ${c.dim(`(config: transforms.${t.id}.<option>, or --set ${t.id}.<option>=<value>)`)}`;
  if (docs.length === 0) return `${head}\n  (none)`;
  const width = Math.max(...docs.map((d) => d.name.length));
  const rows = docs.map((d) => {
    const def = d.default !== undefined ? `(default: ${d.default})` : "(no default)";
    return `  ${d.name.padEnd(width)}  ${d.type}  ${c.dim(def)}\n  ${" ".repeat(width)}  ${d.description}`;
  });
  return `${head}\n${rows.join("\n")}`;
}

function exampleSection(t: Transform, out: Output): string {
  const c = out.out;
  const head = `${c.bold("Example")} ${c.dim(`(compose-gate transform ${EXAMPLE_NAME} --only ${t.id})`)}`;
  const path = fileURLToPath(EXAMPLE);
  if (!existsSync(path)) return `${head}\n  (the Busflow example is not part of this installation)\n`;
  const result = runTransforms([{ path: EXAMPLE_NAME, text: readFileSync(path, "utf8") }], [t]);
  const mask = secretMasker(result.secrets);
  const changes = [
    ...result.files.filter((f) => f.before !== f.after).map((f) => ({ path: f.path, before: f.before, after: f.after, secrets: f.secrets })),
    ...result.extras.map((e) => ({ path: `examples/busflow/${e.path}`, before: null, after: e.content, mode: e.mode })),
  ];
  const diff = changes.length ? displayPatch(changes, mask, c) : "  (no change on the example with the default options)\n";
  const findings = formatTransformFindings(EXAMPLE_NAME, EXAMPLE_NAME, result.findings, c, mask);
  return `${head}\n${diff}${findings ? `\n${findings}` : ""}`;
}

function explainRule(rule: RuleInfo, registry: CliRegistry, out: Output): string {
  const c = out.out;
  const fixer = rule.fix ? registry.transforms.find((t) => t.id === rule.fix) : undefined;
  const lines = [
    `${c.bold(rule.id)} — ${rule.summary}\n${c.dim(`check · severity ${rule.severity}`)}`,
    rule.description,
    rule.fix ? `${c.bold("Fix")}: compose-gate transform --only ${rule.fix}${fixer ? ` (${fixer.title}; compose-gate explain ${rule.fix})` : ""}` : `${c.bold("Fix")}: by hand (no transform resolves it)`,
    `${c.bold("Suppress")} (config check.suppressions): { "rule": "${rule.id}", "service": "<service>", "reason": "<why this is accepted>" }`,
  ];
  return `${lines.join("\n\n")}\n`;
}
