import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
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
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
