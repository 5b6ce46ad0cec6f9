/**
 * The swarm-hardening transforms (update-config, log-rotation, traefik-labels): each output is
 * accepted by `docker stack config` where the input was, each run on the real corpus is
 * idempotent, and `check` no longer reports what they closed.
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/index.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import logRotation from "../../src/transforms/log-rotation.js";
import { PRESETS } from "../../src/transforms/registry.js";
import traefikLabels from "../../src/transforms/traefik-labels.js";
import type { Transform } from "../../src/transforms/types.js";
import updateConfig from "../../src/transforms/update-config.js";
import { corpusFiles, yaml } from "../_utils.js";
import { need } from "../support/tools.js";
import { goldenStackVerdicts, loadTransforms, output, run, stackConfig, undocumentedOptions } from "./gate-helpers.js";

const hardening: Transform[] = [updateConfig, logRotation, traefikLabels] as unknown as Transform[];
const expand = (ids: string[]) => loadTransforms(ids.flatMap((id) => [...(PRESETS[id] ?? [id])]));


describe("swarm-hardening", () => {
  it("is a preset of its own, outside pre-first-client", () => {
    expect(PRESETS["swarm-hardening"]).toEqual(["update-config", "log-rotation", "traefik-labels"]);
    for (const id of PRESETS["swarm-hardening"]) expect(PRESETS["pre-first-client"]).not.toContain(id);
  });

  it("documents every option with a default", () => {
    for (const t of hardening) expect(undocumentedOptions(t), t.id).toEqual([]);
  });

  it("closes the findings it targets, a second run changes nothing, and Swarm accepts the result", (ctx) => {
    const text = yaml`
      services:
        traefik:
          image: traefik:v3.1
          command: [--providers.swarm=true]
          ports: ["443:443"]
        api:
          image: ghcr.io/org/api:1.0.0
          labels:
            traefik.http.routers.api.rule: Host(\`api.example.com\`)
          logging:
            driver: json-file
    `;
    const rules = ["swarm/update-config", "swarm/log-rotation", "swarm/traefik-labels"];
    const before = runChecks(new Project([parseCompose(text)]), { rules }).findings.map((f) => f.ruleId);
    expect(new Set(before)).toEqual(new Set(rules));
    const after = output(run(hardening, text));
    expect(runChecks(new Project([parseCompose(after)]), { rules }).findings).toEqual([]);
    expect(output(run(hardening, after))).toBe(after);
    need(ctx, "docker");
    expect(stackConfig([{ path: "compose.yml", text: after }])).toMatchObject({ ok: true });
  });
});

describe("swarm-hardening: golden outputs under docker stack config", () => {
  for (const suite of ["update-config", "log-rotation", "traefik-labels"]) {
    for (const golden of goldenStackVerdicts(suite, expand)) {
      it(`${suite}/${golden.name}: accepted after the transform when accepted before`, async (ctx) => {
        need(ctx, "docker");
        await golden.check();
      });
    }
  }
});

describe("swarm-hardening on the real-world corpus", () => {
  const files = corpusFiles();
  for (const file of files) {
    it(`${file.name}: never throws, is idempotent and keeps docker stack config's verdict`, (ctx) => {
      const inputs = [{ path: file.name, text: file.text }];
      const after = output(run(hardening, inputs));
      parseCompose(after);
      expect(output(run(hardening, [{ path: file.name, text: after }]))).toBe(after);
      if (after === file.text) return;
      need(ctx, "docker");
      if (!stackConfig(inputs).ok) return;
      const verdict = stackConfig([{ path: file.name, text: after }]);
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
});
