import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("public API", () => {
  it("parses, edits and prints through the package entry point", () => {
    const doc = api.parseCompose("services:\n  storage:\n    environment:\n      - S3_REGION=us-east-1  # old\n");
    doc.setEnv("storage", "S3_REGION", "fsn1");
    expect(doc.toString()).toBe("services:\n  storage:\n    environment:\n      - S3_REGION=fsn1  # old\n");
  });

  it("exposes the gate transforms, the swarm-hardening ones and both presets", () => {
    const gate = ["s3-external", "drop-minio", "offsite-backup", "backup-verify", "env-to-secrets", "postgres-exporter", "node-exporter", "volume-autoresize", "observability"];
    const hardening = ["update-config", "log-rotation", "traefik-labels"];
    expect(api.TRANSFORMS.map((t) => t.id)).toEqual([...gate, ...hardening]);
    expect(api.PRESETS["pre-first-client"]).toEqual(gate);
    expect(api.PRESETS["swarm-hardening"]).toEqual(hardening);
    for (const t of api.TRANSFORMS) expect(t.closes).toMatch(/^(gate|swarm)\//);
  });
});
