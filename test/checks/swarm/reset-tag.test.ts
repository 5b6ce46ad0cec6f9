import { describe, expect, it } from "vitest";
import { check, dockerAccepts, lines } from "../_helpers.js";

describe("swarm/reset-tag", () => {
  it("reports !reset and !override in an override file, which Docker merges anyway", () => {
    const files = [
      { name: "base.yml", text: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' },
      { name: "prod.yml", text: "services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: '1'\n" },
    ];
    expect(lines(check(files, "swarm/reset-tag"))).toEqual([
      "3:5 warning docker stack deploy ignores !reset and does not clear the value",
      "4:5 warning docker stack deploy ignores !override and does not replace the value (it merges)",
    ]);
    expect(check(files, "swarm/reset-tag")[0].file).toBe("prod.yml");
    dockerAccepts(files);
  });
  it("passes untagged values", () => {
    expect(check("services:\n  web:\n    image: nginx:1.27\n    ports: []\n", "swarm/reset-tag")).toEqual([]);
  });
});
