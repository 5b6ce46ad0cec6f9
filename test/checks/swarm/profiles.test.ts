import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/profiles", () => {
  const invalid = yaml`
    services:
      debug:
        image: busybox:1.36
        profiles: [debug]
  `;
  const valid = yaml`
    services:
      debug:
        image: busybox:1.36
  `;
  it("reports the profiles key", () => {
    expect(lines(check(invalid, "swarm/profiles"))).toEqual([
      `4:5 error Service "debug": docker stack deploy rejects profiles; put optional services in a separate stack file`,
    ]);
    dockerAgrees(invalid, valid, /Additional property profiles is not allowed/);
  });
  it("passes a service without profiles", () => {
    expect(check(valid, "swarm/profiles")).toEqual([]);
  });
});
