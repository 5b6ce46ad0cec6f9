/**
 * The pre-first-client preset end to end: on the example and on every real corpus file it
 * never throws, its output reads back, a second run changes nothing, Docker's Swarm loader
 * accepts the output wherever it accepted the input and its normalised model changes only
 * where compose-gate's does, and no literal secret leaks.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../src/document/compose-document.js";
import { renderPatch } from "../src/diff/index.js";
import { secretMasker } from "../src/secrets/mask.js";
import { shownSecrets } from "./support/shown-secrets.js";
import { runChecks } from "../src/checks/index.js";
import { Project } from "../src/project/project.js";
import { getTransform, PRESETS } from "../src/transforms/registry.js";
import { runTransforms, type SourceFile } from "../src/transforms/pipeline.js";
import { formatFinding } from "../src/testing/golden.js";
import { differingPaths, undeclaredChanges } from "../src/transforms/safety-net.js";
import { parse as parseYaml } from "yaml";
import { corpusFiles, repoRoot } from "./_utils.js";

const preset = PRESETS["pre-first-client"].map(getTransform);
const example = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");

function hasDocker(): boolean {
  try {
    execFileSync("docker", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const docker = hasDocker();

/** `docker stack config -c` in a temp dir: true when Docker's Swarm loader accepts the text. */
function stackAccepts(text: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-stack-"));
  try {
    writeFileSync(path.join(dir, "stack.yml"), text);
    execFileSync("docker", ["stack", "config", "-c", "stack.yml"], { cwd: dir, stdio: "ignore", env: { ...process.env, POSTGRES_PASSWORD: "x" } });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Docker's normalised models of each text (`docker stack config --skip-interpolation`), all
 * read from the same folder since Docker makes relative paths absolute; undefined for a text
 * it refuses.
 */
function stackModels(...texts: string[]): unknown[] {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-stack-"));
  try {
    return texts.map((text) => {
      writeFileSync(path.join(dir, "stack.yml"), text);
      try {
        return parseYaml(execFileSync("docker", ["stack", "config", "--skip-interpolation", "-c", "stack.yml"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
      } catch {
        return undefined;
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where Docker's normalised models of `before` and `after` differ outside the places where
 * compose-gate's own models differ (which the safety net limits to declared edits). Docker
 * rewrites below the level of a service's keys (short ports to long, list environments to
 * maps), so compose-gate's paths count down to `services.<name>.<key>`.
 */
function undeclaredForDocker(before: string, after: string): string[] {
  const ours = differingPaths(parseCompose(before).toJS(), parseCompose(after).toJS()).map((p) => p.slice(0, 3));
  const [dockerBefore, dockerAfter] = stackModels(before, after);
  return undeclaredChanges(dockerBefore, dockerAfter, ours).map((p) => p.join("."));
}

function runPreset(files: SourceFile[], options = {}) {
  return runTransforms(files, preset, { options });
}

describe("pre-first-client preset", () => {
  it("closes every gate item on the example (with the functions image declared _FILE-capable)", () => {
    const options = { "env-to-secrets": { fileCapableImages: ["ghcr.io/busflow/functions"] } };
    const result = runPreset([{ path: "docker-compose.production.yml", text: example }], options);
    const after = result.files[0].after;
    const doc = parseCompose(after, { filename: "docker-compose.production.yml" });
    // The repository as --write leaves it: the workflows the preset generated are in it, and the
    // observability stack the preset created is checked beside the stack, as it is deployed.
    const workflows = result.extras.filter((e) => e.base === "repository" && e.path.startsWith(".github/workflows/"));
    const files = {
      read: (file: string) => workflows.find((e) => e.path === file)?.content,
      list: (folder: string) => workflows.filter((e) => path.posix.dirname(e.path) === folder).map((e) => path.posix.basename(e.path)),
    };
    const created = result.extras.find((e) => e.role === "observability")!;
    const companions = new Map([["observability" as const, parseCompose(created.content, { filename: created.path })]]);
    const { findings } = runChecks(new Project([doc], { companions }), { rules: ["gate/*"], files });
    // What stays open is what the images cannot do without a shim: warnings, no errors.
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(["gate/plaintext-secret"]));
    expect(doc.services()).not.toContain("minio");
    expect(doc.services()).toEqual(expect.arrayContaining(["node-exporter", "postgres-exporter"]));
    if (docker) {
      expect(stackAccepts(after)).toBe(true);
      expect(undeclaredForDocker(example, after)).toEqual([]);
    }
  });

  it("never shows a literal secret of the example in findings, extra files or the masked diff", () => {
    const result = runPreset([{ path: "docker-compose.production.yml", text: example }]);
    const literal = "whsec_4f9a1c2e8b7d6a5f3e2d1c0b";
    expect(result.secrets).toContain(literal);
    const patch = renderPatch(
      [...result.files.map((f) => ({ path: f.path, before: f.before, after: f.after })), ...result.extras.map((e) => ({ path: e.path, before: null, after: e.content }))],
      { mask: secretMasker(result.secrets) },
    );
    expect(patch).not.toContain(literal);
    expect(result.findings.map(formatFinding).join("\n")).not.toContain(literal);
    for (const e of result.extras) expect(e.content).not.toContain(literal);
  });
  for (const file of corpusFiles()) {
    it(`on ${file.name}: reads back, settles in one run, stays loadable`, () => {
      const first = runPreset([{ path: file.name, text: file.text }]);
      const after = first.files[0].after;
      parseCompose(after, { filename: file.name });
      const second = runPreset([{ path: file.name, text: after }]);
      expect(second.files[0].after).toBe(after);
      expect(shownSecrets([{ path: file.name, before: file.text, after, secrets: first.files[0].secrets }], first.secrets)).toEqual([]);
      if (docker && stackAccepts(file.text)) {
        expect(stackAccepts(after)).toBe(true);
        // Differential: Docker sees a change only where compose-gate made one.
        expect(undeclaredForDocker(file.text, after)).toEqual([]);
      }
    });
  }
});
