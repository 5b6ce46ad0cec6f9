/**
 * Bundles the CLI (src/cli/main.ts) into one script, dist/cli-bundle/cli.js, which
 * bin/compose-gate.js runs through dist/cli/launch.cjs. `npm run build` runs this after tsc; the
 * library in dist/ (the package's exports) is tsc's output and is not touched.
 *
 * Why: a cold `compose-gate check` spent about a third of its time finding, reading and
 * compiling some 170 modules (yaml alone is 73 CommonJS files). One file costs one read, and as
 * a classic script (not an ES module) its compiled code can be cached by V8 between runs (the
 * launcher does that; Node 20 has no module compile cache).
 *
 * The script is one function expression, `(function (require, __compose_gate_url, __compose_gate_import) { … })`:
 * the launcher passes a `require` rooted at the bundle, the bundle's URL, which stands in for
 * `import.meta.url` (package-file.ts, and the createRequire calls that load fast-glob, zod and
 * ts-morph lazily), and its own `import()` for the one module imported at run time, an .mjs
 * config (src/config/import-file.ts is swapped for a module that uses it: a classic script's own
 * `import()` would need --experimental-vm-modules). The commands, transforms and formatters stay
 * lazy: esbuild turns each dynamic import of them into a function that runs the module on first use.
 *
 * Left out of the bundle, loaded from node_modules when needed: ts-morph (with the TypeScript
 * compiler, about 10 MB; only the codemod loads it, and the build fails if it ever ends up
 * inside), fast-glob (only for directories and patterns) and zod (only for transform options,
 * config files and suppressions; bundled it would double the script every run reads).
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(REPO, "dist/cli-bundle");
/** Packages that must never be inside the bundle (see above). */
const NEVER_BUNDLED = /(^|\/)node_modules\/(ts-morph|@ts-morph\/[^/]+|typescript)\//;
const EXTERNAL = ["ts-morph", "fast-glob", "zod"];

/** src/config/import-file.ts, bundled: the launcher's `import()` (see above). */
const importThroughLauncher: Plugin = {
  name: "import-through-launcher",
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]src[\\/]config[\\/]import-file\.ts$/ }, () => ({
      contents: "export const importFile = (file) => __compose_gate_import(file);\n",
      loader: "js",
    }));
  },
};

/** A dynamic `import()` left in the bundle would fail at run time; esbuild leaves only non-literal ones. */
function assertNoDynamicImport(code: string): void {
  const line = code.split("\n").find((l) => /(^|[^\w.$])import\(/.test(l) && !l.trim().startsWith("//"));
  if (line) throw new Error(`the CLI bundle must not call import() (use src/config/import-file.ts): ${line.trim()}`);
}

/**
 * The bundle in ASCII. esbuild escapes strings and templates but not regular expression literals
 * (one of the secret patterns has a "µ"), and one such character makes Node decode the whole
 * file slowly into a two-byte string on every start. After minifying, what is left outside
 * strings and templates is code, where a \uXXXX escape means the same character (in regular
 * expressions, identifiers and license comments alike).
 */
function toAscii(code: string): string {
  return code.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The first line of the bundle: which build it is (the launcher hashes the whole file for its cache key). */
const header = (code: Uint8Array) => `// compose-gate CLI bundle ${createHash("sha1").update(code).digest("hex")}\n`;

async function main(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: REPO,
    entryPoints: ["src/cli/main.ts"],
    outfile: path.join(OUT_DIR, "cli.js"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    define: { "import.meta.url": "__compose_gate_url" },
    banner: { js: "(function (require, __compose_gate_url, __compose_gate_import) {" },
    footer: { js: "})" },
    plugins: [importThroughLauncher],
    metafile: true,
    write: false,
    // A quarter smaller (comments, indentation), so less to read on every start. Names are kept,
    // so stack traces still say which function failed; `node dist/cli/main.js` runs the same CLI
    // unbundled, with source maps.
    minifyWhitespace: true,
    logLevel: "warning",
  });
  const [output] = result.outputFiles;
  assertNoDynamicImport(output.text);
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((input) => NEVER_BUNDLED.test(input));
  if (forbidden.length > 0) throw new Error(`the CLI bundle must not contain the TypeScript compiler: ${forbidden.slice(0, 3).join(", ")}`);
  const code = Buffer.from(toAscii(output.text));
  writeFileSync(output.path, Buffer.concat([Buffer.from(header(code)), code]));
  // What went in, for the load-trace test and the benchmark (not shipped: see package.json "files").
  writeFileSync(path.join(OUT_DIR, "inputs.json"), `${JSON.stringify({ external: EXTERNAL, inputs }, null, 2)}\n`);
}

await main();
