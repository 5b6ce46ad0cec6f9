import { describe, expect, it } from "vitest";
import { check, dockerAgrees, dockerAvailable, lines, stackConfig } from "../_helpers.js";

describe("swarm/file-version", () => {
  const base = `services:\n  web:\n    image: nginx:1.27\n`;
  it("reports versions docker stack does not know, and a number", () => {
    expect(lines(check(`version: "2.4"\n${base}`, "swarm/file-version"))).toEqual([
      '1:1 error docker stack deploy rejects version "2.4" ("unsupported Compose file version"); use "3.8" or later 3.x, or remove the key',
    ]);
    expect(lines(check(`version: 3.8\n${base}`, "swarm/file-version"))).toEqual([
      '1:1 error docker stack deploy rejects version 3.8 written as a number ("version must be a string"); quote it or remove the key',
    ]);
    dockerAgrees(`version: "2.4"\n${base}`, `version: "3.8"\n${base}`, /unsupported Compose file version: 2\.4/);
    if (dockerAvailable) expect(stackConfig(`version: 3.8\n${base}`).stderr).toMatch(/version must be a string/);
  });
  it("passes 3, 3.0 … 3.13 and a missing version", () => {
    for (const v of ["3", "3.0", "3.9", "3.13"]) expect(check(`version: "${v}"\n${base}`, "swarm/file-version")).toEqual([]);
    expect(check(base, "swarm/file-version")).toEqual([]);
    expect(check(`version: "3.14"\n${base}`, "swarm/file-version")).toHaveLength(1);
  });
});
