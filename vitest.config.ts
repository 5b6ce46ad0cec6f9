import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

/**
 * The slow end-to-end and package tests, left out of `npm test` (the fast loop, three to four
 * minutes on two cores) and run by `npm run test:all` (`vitest run --mode all`), which CI runs:
 * - the packed tarball installed into an empty project (npm pack + npm install, a minute);
 * - kill -9 during `transform --write` at seeded moments (slowed writes, a minute or two);
 * - stacks up to the 2 MB cap through the CLI with a bounded heap;
 * - the fuzzer's seeded sample (300 cases, some through the CLI);
 * - the test that a missing corpus prints one notice (it runs vitest again).
 */
export const SLOW_TESTS = [
  "test/package/pack.test.ts",
  "test/cli/kill.test.ts",
  "test/large-stacks.test.ts",
  "test/fuzz/fuzz.test.ts",
  "test/support/corpus-notice.test.ts",
];

export default defineConfig(({ mode }) => ({
  // Tests and examples import compose-gate by its package name, as users do. Here the name
  // maps to the sources, so one copy of each module runs (a transform's `instanceof EditError`
  // must see the pipeline's class) and no build is needed first; test/package/ proves the
  // published exports resolve to the same API.
  resolve: {
    alias: [
      { find: /^compose-gate$/, replacement: src("index.ts") },
      { find: /^compose-gate\/testing$/, replacement: src("testing/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(mode === "all" ? [] : SLOW_TESTS)],
    globalSetup: ["test/support/global-setup.ts"],
    // Most tests wait on child processes (the CLI, docker, promtool, shells), so one worker per
    // core keeps the cores busy; vitest's default leaves one core free (on 2 cores: one worker,
    // and the fast loop took five minutes instead of three to four).
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
