/**
 * The package as a user gets it: `npm pack` (the files whitelist of package.json, from the BUILT
 * dist; `npm test` builds first), installed from the tarball into an empty project, then the CLI
 * run through npx, the shipped library examples run, a TypeScript file importing "compose-gate"
 * and "compose-gate/testing" type-checked (moduleResolution nodenext), and the example transform's
 * golden suite run under the project's own vitest. npm needs its registry or a warm cache
 * (`npm ci` leaves one) for the dependencies.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../_utils.js";

const INSTALL_TIMEOUT = 300_000;
const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8"));
/** The exact versions this repository tests with, so the install is served from npm's cache. */
const pinned = (name: string) => `${name}@${lock.packages[`node_modules/${name}`].version}`;

let tmp: string;
let project: string;
let packed: { filename: string; files: { path: string }[] };

/** npm settings a user's shell may carry (where the cache and registry are); the rest of npm_* is `npm test`'s own. */
const NPM_SETTINGS = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;

/** The environment of a user's shell: nothing of the `npm test` and vitest run around this test leaks in. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env)) {
    if (/^(VITEST|TEST$|NODE_ENV$|UPDATE_GOLDEN$|FORCE_COLOR$)/.test(key) || (/^npm_/i.test(key) && !NPM_SETTINGS.test(key))) delete env[key];
  }
  return env;
}

function sh(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const result = spawnSync(command, args, { encoding: "utf8", env: userEnv(), timeout: INSTALL_TIMEOUT, ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `npx compose-gate …` in the project, as a user types it. */
const cli = (...args: string[]) => sh("npx", ["compose-gate", ...args], { cwd: project });

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "compose-gate-pack-"));
  // --ignore-scripts: dist is already built; rebuilding it here would race the other test files.
  const pack = sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: repoRoot });
  expect(pack.code, pack.stderr).toBe(0);
  packed = JSON.parse(pack.stdout)[0];

  project = path.join(tmp, "project");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "compose-gate-consumer", private: true, type: "module" }));
  const deps = [path.join(tmp, packed.filename), pinned("vitest"), pinned("zod"), pinned("@types/node")];
  const install = sh("npm", ["install", ...deps, "--prefer-offline", "--no-audit", "--no-fund"], { cwd: project });
  expect(install.code, install.stderr).toBe(0);
}, INSTALL_TIMEOUT);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds the built package, its examples and docs, and nothing of the repository's own", () => {
    const files = packed.files.map((f) => f.path);
    for (const needed of [
      "package.json",
      "LICENSE",
      "README.md",
      "CHANGELOG.md",
      "bin/compose-gate.js",
      "bin/package.json",
      "dist/cli/launch.cjs",
      "dist/cli-bundle/cli.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      "dist/testing/index.js",
      "dist/testing/index.d.ts",
      "examples/busflow/docker-compose.production.yml",
      "examples/api/diff-busflow.mjs",
      "docs/getting-started.md",
    ]) {
      expect(files, needed).toContain(needed);
    }
    const foreign = files.filter((f) => /^(src|test|scripts|node_modules|\.ci)\/|\.map$|\.test\.|^examples\/custom-transform\/|^tsconfig|^vitest|^dist\/cli-bundle\/inputs\.json$/.test(f));
    expect(foreign).toEqual([]);
  });

  it("declares what npm and its registry page need", () => {
    expect(manifest.repository.url).toBe("git+https://github.com/compose-gate/compose-gate.git");
    expect(manifest.license).toBe("MIT");
    expect(manifest.exports["./testing"]).toEqual({ types: "./dist/testing/index.d.ts", default: "./dist/testing/index.js" });
    expect(manifest.dependencies.vitest).toBeUndefined();
    expect(manifest.peerDependenciesMeta.vitest.optional).toBe(true);
  });
});

describe("installed into an empty project", () => {
  it("npx compose-gate --help", () => {
    const help = cli("--help");
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("$ compose-gate <command> [options]");
    expect(help.stdout).toContain(`compose-gate ${manifest.version}`);
  });

  it("transform, --write and --check on a copy of the shipped example", () => {
    cpSync(path.join(project, "node_modules/compose-gate/examples/busflow"), path.join(project, "deploy"), { recursive: true });
    const stack = "deploy/docker-compose.production.yml";
    const diff = cli("transform", stack);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/^diff --git a\/deploy\/docker-compose\.production\.yml b\/deploy\/docker-compose\.production\.yml$/m);
    expect(cli("transform", stack, "--check").code).toBe(1);
    expect(cli("transform", stack, "--write").code).toBe(0);
    expect(readFileSync(path.join(project, stack), "utf8")).toContain("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password");
    const again = cli("transform", stack, "--check");
    expect(again.code, again.stderr).toBe(0);
  });

  it("check, as text and as SARIF, and explain (which reads the shipped example)", () => {
    const stack = "node_modules/compose-gate/examples/busflow/docker-compose.production.yml";
    const text = cli("check", stack);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("gate/minio");
    // The launcher keeps its code cache in the project's node_modules, and a cached run says the same.
    expect(readdirSync(path.join(project, "node_modules/.cache/compose-gate")).some((f) => f.startsWith("cli-check-"))).toBe(true);
    expect(cli("check", stack)).toEqual(text);
    const sarif = cli("check", stack, "--format", "sarif", "--fail-on", "none");
    expect(sarif.code, sarif.stderr).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    const explain = cli("explain", "node-exporter");
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain("node-exporter:");
  });

  it("runs the pre-commit hooks' entries, passing their args through npx to compose-gate", () => {
    const hooks = parse(readFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string }[];
    const stack = "node_modules/compose-gate/examples/busflow/docker-compose.production.yml";
    // Flags only compose-gate knows, so a command that lost them to npx fails the test.
    const extra: Record<string, string[]> = { "compose-gate-check": ["--format", "json"], "compose-gate-transform-check": ["--only", "node-exporter"] };
    for (const hook of hooks) {
      const [command, ...args] = hook.entry.split(" ");
      const result = sh(command, [...args, ...extra[hook.id], stack], { cwd: project });
      expect(result.code, `${hook.id}: ${result.stderr}`).toBe(1); // the example's gate is open
      if (hook.id === "compose-gate-check") expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
      else expect(result.stderr).not.toContain("env-to-secrets");
    }
    expect(hooks.map((h) => h.id).sort()).toEqual(Object.keys(extra).sort());
  });

  it("runs the shipped library examples", () => {
    const examples = path.join(project, "node_modules/compose-gate/examples/api");
    const diff = sh(process.execPath, [path.join(examples, "diff-busflow.mjs")], { cwd: project });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("+  node-exporter:\n");
    const edit = sh(process.execPath, [path.join(examples, "edit-a-file.mjs")], { cwd: project });
    expect(edit.code, edit.stderr).toBe(0);
  });

  it("type-checks an import of compose-gate and compose-gate/testing (moduleResolution nodenext)", () => {
    writeFileSync(
      path.join(project, "consumer.ts"),
      [
        `import { getTransform, parseCompose, runTransforms, TRANSFORMS, type RunResult, type Transform } from "compose-gate";`,
        `import { goldenSuite, type GoldenSuiteOptions } from "compose-gate/testing";`,
        `const doc = parseCompose("services:\\n  web:\\n    image: nginx:1.27.3\\n", { filename: "compose.yml" });`,
        `export const services: string[] = doc.services();`,
        `export const result: RunResult = runTransforms([{ path: "compose.yml", text: doc.toString() }], [getTransform("node-exporter")]);`,
        `export const ids: string[] = TRANSFORMS.map((t: Transform) => t.id);`,
        `export const suite: GoldenSuiteOptions = { dir: new URL("./golden", import.meta.url), transforms: TRANSFORMS };`,
        `export const register: (options: GoldenSuiteOptions) => void = goldenSuite;`,
        `// @ts-expect-error the types are real (not any): a file's text is not a number`,
        `export const wrong: number = result.files[0].after;`,
        ``,
      ].join("\n"),
    );
    const compilerOptions = { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    const tsc = sh(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });

  it("runs a transform's golden cases with compose-gate/testing under the project's vitest", () => {
    cpSync(path.join(repoRoot, "examples/custom-transform"), path.join(project, "custom-transform"), { recursive: true });
    const vitest = sh("npx", ["--no", "vitest", "run", "custom-transform"], { cwd: project });
    expect(vitest.code, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/Tests\s+6 passed \(6\)/);
  });
});
