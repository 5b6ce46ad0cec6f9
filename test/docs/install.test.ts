/**
 * The install instructions stay true (#16 item 9: getting-started said `npm install --save-dev
 * compose-gate`, which fails while the package is not published). The tarball route itself is
 * run end to end by test/package/pack.test.ts (`npm run test:all`); here: the docs name that
 * route and the tarball npm pack really writes, and the README's test commands exist.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SLOW_TESTS } from "../../vitest.config.js";
import { repoRoot } from "../_utils.js";

const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { name: string; version: string; scripts: Record<string, string> };
const codeBlocks = (text: string) => [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]).join("\n");

describe("installing", () => {
  it("getting-started installs from a clone or from the tarball npm pack writes, never from the registry", () => {
    const guide = read("docs/getting-started.md");
    const commands = codeBlocks(guide);
    expect(commands).toContain("npm ci && npx compose-gate");
    expect(commands).toContain("npm pack");
    expect(commands).toContain(`npm install --save-dev ../compose-gate/${pkg.name}-${pkg.version}.tgz`);
    expect(commands).not.toMatch(/npm install (--save-dev |-D )?compose-gate\s*$/m);
  });

  it("ci.md sends readers to that route", () => {
    expect(codeBlocks(read("docs/ci.md"))).not.toMatch(/npm install (--save-dev |-D )?compose-gate\b/);
    expect(read("docs/ci.md")).toContain("getting-started.md#install");
  });
});

describe("the README's test commands", () => {
  it("npm test is the fast loop and npm run test:all everything; CI runs test:all with the real tools required", () => {
    const readme = read("README.md");
    expect(readme).toMatch(/^npm test +# /m);
    expect(readme).toMatch(/^npm run test:all +# /m);
    expect(pkg.scripts.test).toMatch(/vitest run$/);
    expect(pkg.scripts["test:all"]).toMatch(/vitest run --mode all$/);
    const ci = read(".ci/run");
    expect(ci).toMatch(/^export COMPOSE_GATE_REQUIRE_TOOLS=1$/m);
    expect(ci.trimEnd().split("\n").pop()).toBe("npm run test:all");
  });

  it("every test left out of npm test exists (a renamed one would silently join the fast loop)", () => {
    for (const file of SLOW_TESTS) expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
  });
});
