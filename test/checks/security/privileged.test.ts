import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("security/privileged", () => {
  it("reports privileged: true at the key", () => {
    const text = yaml`
      services:
        agent:
          image: portainer/agent:2.21.0
          privileged: true
    `;
    expect(lines(check(text, "security/privileged"))).toEqual([
      '4:5 error Service "agent" runs privileged (all capabilities and host devices); docker stack deploy ignores this key',
    ]);
  });

  it("follows the merged stack: a later file that turns it off closes the finding", () => {
    const base = { name: "base.yml", text: "services:\n  agent:\n    image: portainer/agent:2.21.0\n    privileged: true\n" };
    const prod = { name: "prod.yml", text: "services:\n  agent:\n    privileged: false\n" };
    expect(check([base, prod], "security/privileged")).toEqual([]);
    expect(check([prod, base], "security/privileged").map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(["base.yml:4:5"]);
  });

  it("passes false, absent and interpolated values", () => {
    const text = yaml`
      services:
        a:
          image: busybox:1.36
          privileged: false
        b:
          image: busybox:1.36
          privileged: \${PRIVILEGED:-false}
        c:
          image: busybox:1.36
    `;
    expect(check(text, "security/privileged")).toEqual([]);
  });
});
