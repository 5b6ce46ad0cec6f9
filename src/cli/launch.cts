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
 *   checkout when run from one); never a shared temporary folder. Cached bytecode runs as code,
 *   so on POSIX systems the folder (created 0700) and the file (0600) are used only when they
 *   belong to this user, nobody else can write them, and the file is not a link.
 *   COMPOSE_GATE_CODE_CACHE=0 turns the cache off.
 * - Key: the hash of the bundle's bytes (under a millisecond), the Node version and
 *   architecture, and the command (each command keeps the code it runs). V8 itself rejects a
 *   cache made by another V8 or with other flags; a digest stored in front of the data rejects
 *   a damaged file, which V8 does not check.
 * - When: written at exit by a run that found no usable cache and did its work (exit code 0 or
 *   1; not `--help` or `--version`, which compile too little); atomically (write, rename),
 *   replacing the caches of older bundles for this command and Node version.
 */
import { hash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

const BUNDLE = path.join(__dirname, "../cli-bundle/cli.js");
/** program.ts's commands (not imported: that would start the ES module loader); others share one cache. */
const COMMANDS = new Set(["transform", "check", "codemod", "list", "explain"]);
const DIGEST_BYTES = 20;

type Bundle = (require: NodeJS.Require, url: string, importFile: (file: string) => Promise<unknown>) => void;

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
  /** The folder or the file is not private to this user: neither read nor written. */
  readOnly?: true;
}

/**
 * The cache for this bundle, Node and command. Cached bytecode is run as code, so it is only
 * read from a place nobody else can write: on POSIX systems the folder and the file must be
 * owned by this user and writable by nobody else, and the file must not be a link. The key is
 * the hash of the bundle's own bytes (under a millisecond), so a bundle changed in place never
 * runs the bytecode of the old one.
 */
function findCache(bundle: Buffer, command: string): CacheFile | undefined {
  const dir = cacheDir();
  const prefix = `cli-${command}-${process.version}-${process.arch}-`;
  const file = path.join(dir, `${prefix}${sha1(bundle).toString("hex").slice(0, 16)}.v8`);
  try {
    if (!privateToUser(dir) || !privateToUser(file)) return { dir, prefix, file, readOnly: true };
    const stored = readFileSync(file);
    const data = stored.subarray(DIGEST_BYTES);
    if (sha1(data).equals(stored.subarray(0, DIGEST_BYTES))) return { dir, prefix, file, data };
  } catch {
    // No cache yet (or unreadable): run without one.
  }
  return { dir, prefix, file };
}

/** Owned by this user and writable by nobody else (where the system has users); not a link. */
function privateToUser(target: string): boolean {
  const stat = lstatSync(target);
  if (stat.isSymbolicLink()) return false;
  if (typeof process.getuid !== "function") return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function writeCache(cache: CacheFile, data: Buffer): void {
  const temporary = `${cache.file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    if (!privateToUser(cache.dir)) return;
    writeFileSync(temporary, Buffer.concat([sha1(data), data]), { flag: "wx", mode: 0o600 });
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

/** Runs that do not run a command (`--help`, `--version`) would cache too little of it. */
const EXPLAINS_ITSELF = new Set(["--help", "-h", "--version", "-v"]);

export function launch(argv: readonly string[]): void {
  const bundle = readFileSync(BUNDLE);
  const command = COMMANDS.has(argv[0] ?? "") ? argv[0] : "other";
  const cache = process.env.COMPOSE_GATE_CODE_CACHE === "0" ? undefined : findCache(bundle, command);
  const script = new vm.Script(bundle.toString("utf8"), { filename: BUNDLE, cachedData: cache?.data });
  if (cache && !cache.readOnly && (!cache.data || script.cachedDataRejected) && !argv.some((a) => EXPLAINS_ITSELF.has(a))) {
    // Only a run that did its work (findings or not) has compiled what the command needs.
    process.once("exit", (code) => {
      if (code === 0 || code === 1) writeCache(cache, script.createCachedData());
    });
  }
  // An .mjs config is imported here, where `import()` is Node's own (src/config/import-file.ts).
  const importFile = (file: string) => import(pathToFileURL(file).href);
  (script.runInThisContext() as Bundle)(createRequire(BUNDLE), pathToFileURL(BUNDLE).href, importFile);
}
