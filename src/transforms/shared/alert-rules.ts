/**
 * Prometheus rule files written during a run, so that the transform that deploys the metrics
 * store (`observability`, last in the preset) loads every one of them: the volume alerts of
 * `node-exporter`, the backup freshness alerts, … A transform that writes a rule file with
 * `ctx.addFile` also registers it here.
 */
import type { TransformContext } from "../types.js";

export interface RuleFile {
  /** Path of the rule file relative to the stack's folder, as given to `ctx.addFile`. */
  path: string;
  /** The transform that wrote it. */
  transform: string;
}

const KEY = "prometheus-rule-files";

export function registerRuleFile(ctx: TransformContext, file: RuleFile): void {
  const files = ruleFiles(ctx);
  if (!files.some((f) => f.path === file.path)) files.push(file);
  ctx.state.set(KEY, files);
}

/** The rule files registered so far in this run, in registration order. */
export function ruleFiles(ctx: TransformContext): RuleFile[] {
  return (ctx.state.get(KEY) as RuleFile[] | undefined) ?? [];
}
