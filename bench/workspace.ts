/**
 * Where the benchmark's inputs live: `.bench-tmp/` (git-ignored), regenerated on every run.
 * The real corpus is read in place from ../shared/corpus/real when present; nothing is copied
 * into the repository.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeStack } from "./generate-compose.js";
import { sourceTree } from "./generate-sources.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(REPO, "bin/compose-gate.js");
export const TMP = path.join(REPO, ".bench-tmp");
export const CORPUS = path.resolve(REPO, "../shared/corpus/real");

export interface Input {
  file: string;
  /** How the row should name it: where it came from and its size. */
  label: string;
}

export function freshWorkspace(): void {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
}

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => /\.ya?ml(\.example)?$/.test(f))
    .sort()
    .map((f) => path.join(CORPUS, f));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function write(relative: string, content: string): string {
  const file = path.join(TMP, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** The smallest generated stack of at least `bytes` bytes. */
function stackOfSize(bytes: number): string {
  let services = 4;
  while (composeStack(services).length < bytes) services++;
  return composeStack(services);
}

/** The real corpus file closest to 11 KB, else a generated stack of that size (the label says which). */
export function elevenKbFile(): Input {
  const target = 11_000;
  const real = corpusFiles().sort((a, b) => Math.abs(statSync(a).size - target) - Math.abs(statSync(b).size - target))[0];
  if (real) return { file: real, label: `real ${path.basename(real)}, ${kb(statSync(real).size)}` };
  const file = write("cold/docker-compose.yml", stackOfSize(target));
  return { file, label: `generated, ${kb(statSync(file).size)} (corpus absent)` };
}

/**
 * 60 compose files: the real corpus, topped up with generated stacks of 4 to 40 services
 * (2 to 16 KB, 9 KB on average; the real files run from 0.5 to 34 KB, most under 5 KB).
 */
export function batchFiles(count = 60): { files: string[]; label: string } {
  const real = corpusFiles().slice(0, count);
  const generated = Array.from({ length: count - real.length }, (_, i) =>
    write(`batch/stack-${String(i).padStart(2, "0")}/docker-compose.yml`, composeStack(4 + ((i * 7) % 37))),
  );
  const bytes = [...real, ...generated].reduce((sum, f) => sum + statSync(f).size, 0);
  return { files: [...real, ...generated], label: `${real.length} real + ${generated.length} generated, ${kb(bytes)} in all` };
}

/** A stack of `services` services, written to disk (for the CLI) and returned. */
export function stackFile(services: number): { file: string; text: string } {
  const text = composeStack(services);
  return { file: write(`stacks/${services}/docker-compose.yml`, text), text };
}

export function sourceDir(files: number, readers: number, vars: readonly string[]): string {
  const dir = path.join(TMP, "codemod");
  for (const f of sourceTree(files, readers, vars)) write(path.join("codemod", f.path), f.content);
  return dir;
}
