/**
 * Finding and reading the config: `compose-gate.config.{json,yaml,yml,mjs}` or a
 * `compose-gate` key in package.json, in the working directory or the nearest parent that has
 * one, up to the project root (src/io/project-root.ts): a folder above the repository is not
 * the project's to configure. Two configs in one directory are an error rather than a silent
 * pick. An `.mjs` config runs as code and is imported only when its owner and mode say nobody
 * else could have written it (src/io/trust.ts). Every problem is a `ConfigError` naming the
 * file, the key (and line:col for JSON and YAML) and what is allowed.
 */
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { isNode, parseDocument } from "yaml";
import { findProjectRoot, realOrSelf } from "../io/project-root.js";
import { readTextFile, ReadError } from "../io/read.js";
import { untrustedReason } from "../io/trust.js";
import { importFile } from "./import-file.js";
import type { Config } from "./schema.js";

export const CONFIG_NAMES = ["compose-gate.config.json", "compose-gate.config.yaml", "compose-gate.config.yml", "compose-gate.config.mjs"] as const;
const PACKAGE_KEY = "compose-gate";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface LoadedConfig {
  /** The file the config came from; `null` when there is none (all defaults). */
  file: string | null;
  /** Directory that relative paths in the config are resolved against. */
  dir: string;
  config: Config;
}

/**
 * Loads `explicit` when given, else searches upward from `cwd` to `root` (default: the project
 * root of `cwd`). The search walks real paths, so a linked working directory stops at its
 * repository, not at the link's.
 */
export async function loadConfig(cwd: string, explicit?: string, root = findProjectRoot(cwd)): Promise<LoadedConfig> {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`${explicit}: config file not found`);
    return readConfig(file, path.basename(file) === "package.json", cwd);
  }
  const start = realOrSelf(path.resolve(cwd));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const found = candidatesIn(dir);
    if (found.length > 1) {
      throw new ConfigError(`${dir}: more than one config (${found.map((f) => path.basename(f.file)).join(", ")}); keep one`);
    }
    if (found.length === 1) return readConfig(found[0].file, found[0].fromPackage, start);
    if (dir === root || path.dirname(dir) === dir) return { file: null, dir: path.resolve(cwd), config: {} };
  }
}

function candidatesIn(dir: string): { file: string; fromPackage: boolean }[] {
  const found = CONFIG_NAMES.map((name) => path.join(dir, name))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, fromPackage: false }));
  const pkg = path.join(dir, "package.json");
  if (existsSync(pkg) && packageHasKey(pkg)) found.push({ file: pkg, fromPackage: true });
  return found;
}

function packageHasKey(file: string): boolean {
  try {
    const data = JSON.parse(readTextFile(file, file).text) as unknown;
    return typeof data === "object" && data !== null && PACKAGE_KEY in data;
  } catch {
    // An unreadable package.json is not ours to report unless it is the config.
    return false;
  }
}

async function readConfig(file: string, fromPackage: boolean, cwd: string): Promise<LoadedConfig> {
  const name = path.relative(cwd, file) || file;
  const { data, text } = await readRaw(file, name, fromPackage);
  // The schema (and zod under it) is loaded only when there is a config to check.
  const [{ ConfigSchema }, { describeIssues, formatPath }] = await Promise.all([import("./schema.js"), import("./issues.js")]);
  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    const prefix = fromPackage ? [PACKAGE_KEY] : [];
    const lines = describeIssues(ConfigSchema, result.error).map((issue) => {
      const where = text === undefined ? undefined : positionOf(text, [...prefix, ...issue.path]);
      const at = where ? `${name}:${where.line}:${where.column}` : name;
      return `${at}: ${formatPath(issue.path)}: ${issue.message}`;
    });
    throw new ConfigError(`invalid config:\n${lines.map((l) => `  ${l}`).join("\n")}`);
  }
  return { file, dir: path.dirname(file), config: result.data };
}

async function readRaw(file: string, name: string, fromPackage: boolean): Promise<{ data: unknown; text?: string }> {
  if (file.endsWith(".mjs")) return { data: await importConfig(file, name) };
  const text = readConfigText(file, name);
  if (file.endsWith(".json")) {
    const data = parseJson(text, name) as Record<string, unknown> | null;
    if (!fromPackage) return { data, text };
    if (data === null || typeof data !== "object" || !(PACKAGE_KEY in data)) {
      throw new ConfigError(`${name}: has no "${PACKAGE_KEY}" key`);
    }
    return { data: data[PACKAGE_KEY], text };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCol(text, problem.pos[0]);
    throw new ConfigError(`${name}:${at.line}:${at.column}: ${problem.message}`);
  }
  return { data: doc.toJS() ?? {}, text };
}

function readConfigText(file: string, name: string): string {
  try {
    return readTextFile(file, name).text.replace(/^\uFEFF/, "");
  } catch (error) {
    if (error instanceof ReadError) throw new ConfigError(error.message);
    throw error;
  }
}

/**
 * JSON.parse, with errors reduced to a reason and a position: Node's messages quote the
 * surrounding text (which is not ours to echo) and give no position for some errors, so the
 * position comes from the message or else from reading the text as YAML's JSON subset.
 */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const reason = message.replace(/, ".*$/s, "").replace(/ in JSON at position \d+.*$/s, "");
    const fromMessage = /position (\d+)/.exec(message)?.[1];
    const offset = fromMessage !== undefined ? Number(fromMessage) : parseDocument(text, { schema: "json", prettyErrors: false }).errors[0]?.pos[0];
    const at = offset !== undefined ? lineCol(text, offset) : undefined;
    throw new ConfigError(`${at ? `${name}:${at.line}:${at.column}` : name}: invalid JSON (${reason})`);
  }
}

async function importConfig(file: string, name: string): Promise<unknown> {
  const untrusted = untrustedReason(file);
  if (untrusted) {
    throw new ConfigError(
      `${name}: not loaded: an .mjs config runs as code, and this one ${untrusted}, so someone else could have written it. ` +
        "Make it and its folder yours and writable only by you (chown, chmod go-w), or use compose-gate.config.yaml",
    );
  }
  try {
    // The real path that was checked, not a link that could be pointed elsewhere meanwhile.
    const mod = (await importFile(realpathSync(file))) as { default?: unknown };
    if (mod.default === undefined) throw new ConfigError(`${name}: an .mjs config must \`export default\` the config object`);
    return mod.default;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${name}: could not be loaded (${firstLine((error as Error).message ?? String(error))})`);
  }
}

/** Line and column of the value at `keys` in JSON or YAML text, when it can be found. */
function positionOf(text: string, keys: (string | number)[]): { line: number; column: number } | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pair = n > 0 ? keyNode(doc, keys.slice(0, n)) : undefined;
      return lineCol(text, pair ?? node.range[0]);
    }
  }
  return undefined;
}

/** Offset of the key of the entry at `keys`, so the error points at `failon:` not its value. */
function keyNode(doc: ReturnType<typeof parseDocument>, keys: (string | number)[]): number | undefined {
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const items = (parent as { items?: { key?: { value?: unknown; range?: number[] } }[] } | null)?.items;
  const last = keys[keys.length - 1];
  const pair = items?.find((item) => item?.key && (item.key as { value?: unknown }).value === last);
  return pair?.key?.range?.[0];
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}
