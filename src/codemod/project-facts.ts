/**
 * What the codemod needs to know about the project a source file belongs to, read from the
 * nearest package.json and tsconfig.json above it (cached per folder):
 *
 * - `moduleType`: package.json `type` — whether a `.js` file is an ES module or CommonJS;
 * - `nodeNext`: whether TypeScript resolves imports as Node does (`module`/`moduleResolution`
 *   node16, node18, node20 or nodenext), which needs relative imports written with `.js`;
 * - `bunRuntime`: whether the package runs on Bun (its `@types/bun`/`bun-types` or a
 *   bunfig.toml) without Vite, the one setting where `import.meta.env` is read at run time.
 *
 * A tsconfig's `extends` is followed (relative paths and packages); files that cannot be read
 * or parsed count as absent rather than stopping the run: they only choose a default.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ts as TS } from "ts-morph";
import { readRegularFile } from "../io/read.js";

export interface PackageFacts {
  /** The folder of the package.json; undefined when there is none. */
  root?: string;
  moduleType: "module" | "commonjs";
  bunRuntime: boolean;
}

const NODE_RESOLUTION = new Set(["node16", "nodenext"]);
const NODE_MODULES = new Set(["node16", "node18", "node20", "nodenext"]);
const MAX_EXTENDS = 10;

export class ProjectFacts {
  readonly #ts: typeof TS;
  readonly #packages = new Map<string, PackageFacts>();
  readonly #tsconfigs = new Map<string, boolean | undefined>();

  constructor(ts: typeof TS) {
    this.#ts = ts;
  }

  /** The facts of the nearest package.json above `dir` (CommonJS, not Bun, when there is none). */
  packageOf(dir: string): PackageFacts {
    let facts = this.#packages.get(dir);
    if (facts) return facts;
    const json = readJson(path.join(dir, "package.json"));
    const parent = path.dirname(dir);
    if (json) facts = packageFacts(json, dir);
    else facts = parent === dir ? { moduleType: "commonjs", bunRuntime: false } : this.packageOf(parent);
    this.#packages.set(dir, facts);
    return facts;
  }

  /**
   * Whether the nearest tsconfig.json above `dir` makes TypeScript resolve imports as Node does;
   * undefined when there is none.
   */
  nodeNext(dir: string): boolean | undefined {
    if (this.#tsconfigs.has(dir)) return this.#tsconfigs.get(dir);
    const file = path.join(dir, "tsconfig.json");
    const parent = path.dirname(dir);
    let answer: boolean | undefined;
    if (existsSync(file)) answer = this.#resolvesLikeNode(file);
    else answer = parent === dir ? undefined : this.nodeNext(parent);
    this.#tsconfigs.set(dir, answer);
    return answer;
  }

  #resolvesLikeNode(file: string): boolean {
    const options = this.#compilerOptions(file, 0);
    if (options.moduleResolution !== undefined) return NODE_RESOLUTION.has(options.moduleResolution);
    return options.module !== undefined && NODE_MODULES.has(options.module);
  }

  /** `module` and `moduleResolution`, lower-cased, the file's own winning over what it extends. */
  #compilerOptions(file: string, depth: number): { module?: string; moduleResolution?: string } {
    const config = this.#readTsconfig(file);
    if (!config || depth > MAX_EXTENDS) return {};
    const bases = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((e): e is string => typeof e === "string");
    const merged: { module?: string; moduleResolution?: string } = {};
    for (const base of bases) {
      const resolved = resolveExtends(base, path.dirname(file));
      if (resolved) Object.assign(merged, this.#compilerOptions(resolved, depth + 1));
    }
    const own = (config.compilerOptions ?? {}) as Record<string, unknown>;
    if (typeof own.module === "string") merged.module = own.module.toLowerCase();
    if (typeof own.moduleResolution === "string") merged.moduleResolution = own.moduleResolution.toLowerCase();
    return merged;
  }

  /** tsconfig files allow comments and trailing commas; TypeScript's own reader handles both. */
  #readTsconfig(file: string): { extends?: unknown; compilerOptions?: unknown } | undefined {
    let text: string;
    try {
      text = readText(file);
    } catch {
      return undefined;
    }
    const { config } = this.#ts.parseConfigFileTextToJson(file, text);
    return typeof config === "object" && config !== null ? config : undefined;
  }
}

function packageFacts(json: Record<string, unknown>, dir: string): PackageFacts {
  const deps = { ...(json.dependencies as object | undefined), ...(json.devDependencies as object | undefined) };
  const bun = "@types/bun" in deps || "bun-types" in deps || existsSync(path.join(dir, "bunfig.toml"));
  return { root: dir, moduleType: json.type === "module" ? "module" : "commonjs", bunRuntime: bun && !("vite" in deps) };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readText(file));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A regular file's text: a FIFO or device named package.json or tsconfig.json throws, never hangs. */
function readText(file: string): string {
  return readRegularFile(file, file).bytes.toString("utf8");
}

/** `./base.json`, `./base` and `@tsconfig/node20/tsconfig.json` as TypeScript resolves them. */
function resolveExtends(spec: string, dir: string): string | undefined {
  if (spec.startsWith(".") || path.isAbsolute(spec)) {
    const file = path.resolve(dir, spec);
    return [file, `${file}.json`].find((f) => existsSync(f));
  }
  const require = createRequire(path.join(dir, "tsconfig.json"));
  for (const candidate of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // Try the next form.
    }
  }
  return undefined;
}
