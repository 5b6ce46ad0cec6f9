/**
 * The registry is the contract: every rule file is registered under the id its path spells,
 * ids are unique and namespaced, every rule explains itself, fixes name real transforms, and
 * every rule is tested and documented.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/checks/index.js";
import { repoRoot } from "../_utils.js";

const TRANSFORMS = ["drop-minio", "s3-external", "env-to-secrets", "offsite-backup", "backup-verify", "node-exporter", "postgres-exporter", "volume-autoresize", "observability", "update-config", "log-rotation", "traefik-labels"];
/** Gate rules no transform can resolve, and why. */
const NO_TRANSFORM: Record<string, string> = {
  "gate/volume-placement": "moving data onto another disk needs a copy with the service stopped",
};
const rulesDir = path.join(repoRoot, "src/checks/rules");

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

describe("check rule registry", () => {
  it("registers every rule file under the id its path spells, and nothing else", () => {
    const fromFiles = filesUnder(rulesDir, ".ts")
      .map((f) => path.relative(rulesDir, f).replace(/\\/g, "/").replace(/\.ts$/, ""))
      .filter((id) => id !== "index")
      .sort();
    expect(RULES.map((r) => r.id).sort()).toEqual(fromFiles);
  });

  it("has unique, namespaced ids", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(gate|security|swarm)\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("gives every rule a summary, a description and a valid severity", () => {
    for (const rule of RULES) {
      expect(rule.summary.length, rule.id).toBeGreaterThan(10);
      expect(rule.description.length, rule.id).toBeGreaterThan(80);
      expect(["error", "warning", "info"]).toContain(rule.severity);
    }
  });

  it("names a shipped transform as fix, and every gate rule has one unless none can exist", () => {
    for (const rule of RULES) {
      if (rule.fix !== undefined) expect(TRANSFORMS, rule.id).toContain(rule.fix);
      if (rule.id.startsWith("gate/") && !NO_TRANSFORM[rule.id]) expect(rule.fix, rule.id).toBeDefined();
      if (NO_TRANSFORM[rule.id]) expect(rule.fix, rule.id).toBeUndefined();
    }
  });

  it("tests every rule by its exact id", () => {
    const tests = filesUnder(path.join(repoRoot, "test/checks"), ".test.ts")
      .filter((f) => !f.endsWith("rules.meta.test.ts"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    for (const rule of RULES) expect(tests, rule.id).toContain(`"${rule.id}`);
  });

  it("documents every rule in docs/checks.md", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/checks.md"), "utf8");
    for (const rule of RULES) expect(doc, rule.id).toContain(`### \`${rule.id}\``);
  });
});
