import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/top-level-name", () => {
  const invalid = yaml`
    name: busflow
    services:
      web:
        image: nginx:1.27
  `;
  const valid = invalid.replace("name: busflow\n", "");
  it("reports the name key", () => {
    expect(lines(check(invalid, "swarm/top-level-name"))).toEqual([
      "1:1 error docker stack deploy rejects a top-level name; name the stack on the command line (docker stack deploy -c FILE NAME)",
    ]);
    dockerAgrees(invalid, valid, /Additional property name is not allowed/);
  });
  it("passes a file without name", () => {
    expect(check(valid, "swarm/top-level-name")).toEqual([]);
  });
});
