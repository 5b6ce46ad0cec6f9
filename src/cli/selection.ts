/**
 * Which transforms run, in which order: a preset (default `pre-first-client`) gives the order;
 * `--only` narrows it to the ids named and `--skip` removes ids. Unknown ids and presets are
 * errors that list the known ones, because a typo that silently ran nothing would look like
 * a clean stack.
 */
import type { Transform } from "../transforms/types.js";
import { CliError, suggest } from "./errors.js";
import { DEFAULT_PRESET, type CliRegistry } from "./registry.js";

export interface SelectionRequest {
  preset?: string;
  only?: string[];
  skip?: string[];
}

export function selectTransforms(registry: CliRegistry, request: SelectionRequest): Transform[] {
  const known = registry.transforms.map((t) => t.id);
  if (known.length === 0) throw new CliError("this build of compose-gate has no transforms registered");
  for (const id of [...(request.only ?? []), ...(request.skip ?? [])]) assertKnownTransform(id, known);
  const order = presetIds(registry, request.preset);
  let ids = request.only?.length ? orderBy(request.only, order, known) : order;
  if (request.skip?.length) ids = ids.filter((id) => !request.skip!.includes(id));
  if (ids.length === 0) throw new CliError("no transforms left to run after --only/--skip");
  return ids.map((id) => registry.transforms.find((t) => t.id === id)!);
}

/** Throws for an id no transform has; `where` says where the id came from (`in --set x.y=1`). */
export function assertKnownTransform(id: string, known: readonly string[], where?: string): void {
  if (!known.includes(id)) {
    throw new CliError(`unknown transform id "${id}"${where ? ` ${where}` : ""}${suggest(id, known)}; known: ${known.join(", ")}`);
  }
}

function presetIds(registry: CliRegistry, requested: string | undefined): string[] {
  const name = requested ?? DEFAULT_PRESET;
  const preset = registry.presets[name];
  if (!preset) {
    const names = Object.keys(registry.presets);
    if (requested === undefined && names.length === 0) return registry.transforms.map((t) => t.id);
    throw new CliError(`unknown preset "${name}"${suggest(name, names)}; known: ${names.join(", ") || "(none)"}`);
  }
  return [...preset];
}

/** The ids of `only`, in preset order first, then in registry order. */
function orderBy(only: string[], presetOrder: string[], registryOrder: string[]): string[] {
  const rank = (id: string) => {
    const inPreset = presetOrder.indexOf(id);
    return inPreset >= 0 ? inPreset : presetOrder.length + registryOrder.indexOf(id);
  };
  return [...new Set(only)].sort((a, b) => rank(a) - rank(b));
}
