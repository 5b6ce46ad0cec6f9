/**
 * Starts the bundled CLI (dist/cli-bundle/cli.js, see scripts/build-cli.ts) with V8's code
 * cache: the bytecode of the functions a command ran is kept between runs, so the next run
 * neither parses the bundle nor compiles those functions again (Node 20 has no module compile
 * cache; `module.enableCompileCache` came with Node 22). A CommonJS module, like bin/, so that
 * starting the CLI involves no ES module loader.
 *
 * The cache is an optimisation only: whenever it is missing, unreadable, corrupt, stale or
 * unwritable the CLI runs from the source as it would without it, and says nothing.
 * - Where: node_modules/.cache/compose-gate of the project compose-gate is installed in (of the
 *   checkout when run from one); never a shared temporary folder, where another user could plant
 *   code. COMPOSE_GATE_CODE_CACHE=0 turns it off.
 * - Key: the hash of the bundle the build writes into its first line (hashing 800 KB on every
 *   start would cost more than it saves), the Node version and architecture, and the command
 *   (each command keeps the code it runs). V8 itself rejects a cache made by another V8, with
 *   other flags or for a source of another length; a digest stored in front of the data rejects
 *   a damaged file, which V8 does not check.
 * - When: written at exit, by the run that found no usable cache; atomically (write, rename), and
 *   replacing the older caches of that command.
 */
import { hash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

const BUNDLE = path.join(__dirname, "../cli-bundle/cli.js");
/** program.ts's commands (not imported: that would start the ES module loader); others share one cache. */
const COMMANDS = new Set(["transform", "check", "codemod", "list", "explain"]);
const DIGEST_BYTES = 20;

type Bundle = (require: NodeJS.Require, url: string, importFile: (file: string) => Promise<unknown>) => void;

const HEADER = /^\/\/ compose-gate CLI bundle ([0-9a-f]{40})\n/;

const sha1 = (data: Uint8Array) => hash("sha1", data, "buffer");

/** node_modules/.cache/compose-gate next to the installed package, or in the checkout. */
function cacheDir(): string {
  const packageRoot = path.resolve(__dirname, "../..");
  const parent = path.dirname(packageRoot);
  const nodeModules = path.basename(parent) === "node_modules" ? parent : path.join(packageRoot, "node_modules");
  return path.join(nodeModules, ".cache", "compose-gate");
}

interface CacheFile {
  dir: string;
  prefix: string;
  file: string;
  /** The cached data when the file exists and is intact. */
  data?: Buffer;
}

/** The cache for this bundle, Node and command; undefined for a bundle without its header. */
function findCache(bundle: Buffer, command: string): CacheFile | undefined {
  const bundleHash = HEADER.exec(bundle.toString("latin1", 0, 80))?.[1];
  if (!bundleHash) return undefined;
  const dir = cacheDir();
  const prefix = `cli-${command}-`;
  const file = path.join(dir, `${prefix}${bundleHash.slice(0, 16)}-${process.version}-${process.arch}.v8`);
  try {
    const stored = readFileSync(file);
    const data = stored.subarray(DIGEST_BYTES);
    if (sha1(data).equals(stored.subarray(0, DIGEST_BYTES))) return { dir, prefix, file, data };
  } catch {
    // No cache yet (or unreadable): run without one.
  }
  return { dir, prefix, file };
}

function writeCache(cache: CacheFile, data: Buffer): void {
  const temporary = `${cache.file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(temporary, Buffer.concat([sha1(data), data]));
    renameSync(temporary, cache.file);
    for (const name of readdirSync(cache.dir)) {
      if (name.startsWith(cache.prefix) && path.join(cache.dir, name) !== cache.file && !name.endsWith(".tmp")) rmSync(path.join(cache.dir, name), { force: true });
    }
  } catch {
    // A read-only install or a full disk: the next run compiles again, which is all it costs.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

export function launch(argv: readonly string[]): void {
  const bundle = readFileSync(BUNDLE);
  const command = COMMANDS.has(argv[0] ?? "") ? argv[0] : "other";
  const cache = process.env.COMPOSE_GATE_CODE_CACHE === "0" ? undefined : findCache(bundle, command);
  const script = new vm.Script(bundle.toString("utf8"), { filename: BUNDLE, cachedData: cache?.data });
  if (cache && (!cache.data || script.cachedDataRejected)) process.once("exit", () => writeCache(cache, script.createCachedData()));
  // An .mjs config is imported here, where `import()` is Node's own (src/config/import-file.ts).
  const importFile = (file: string) => import(pathToFileURL(file).href);
  (script.runInThisContext() as Bundle)(createRequire(BUNDLE), pathToFileURL(BUNDLE).href, importFile);
}
