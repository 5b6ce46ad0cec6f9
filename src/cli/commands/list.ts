/** `compose-gate list`: every transform, preset and check, one line each. */
import { EXIT, type ExitCode } from "../errors.js";
import { DEFAULT_PRESET } from "../registry.js";
import type { CommandContext } from "../run.js";

export async function listCommand(ctx: CommandContext): Promise<ExitCode> {
  const { out } = ctx;
  const c = out.out;
  const registry = await ctx.loadRegistry();
  const sections: string[] = [];
  sections.push(
    section(
      c.bold("Transforms"),
      registry.transforms.map((t) => [t.id, t.summary + (t.closes ? c.dim(`  (closes ${t.closes})`) : "")]),
      "(none registered)",
    ),
  );
  sections.push(
    section(
      c.bold("Presets"),
      Object.entries(registry.presets).map(([name, ids]) => [name, ids.join(" → ") + (name === DEFAULT_PRESET ? c.dim("  (default)") : "")]),
      "(none)",
    ),
  );
  sections.push(
    section(
      c.bold("Checks"),
      registry.rules.map((r) => [r.id, `${r.severity.padEnd(7)}  ${r.summary}${r.fix ? c.dim(`  (fix: ${r.fix})`) : ""}`]),
      "(none installed)",
    ),
  );
  out.io.stdout.write(`${sections.join("\n\n")}\n\nRun \`compose-gate explain <id>\` for details.\n`);
  return EXIT.ok;
}

function section(title: string, rows: [string, string][], empty: string): string {
  if (rows.length === 0) return `${title}\n  ${empty}`;
  const width = Math.max(...rows.map(([id]) => id.length));
  return `${title}\n${rows.map(([id, text]) => `  ${id.padEnd(width)}  ${text}`).join("\n")}`;
}
