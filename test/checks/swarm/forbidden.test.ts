import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/forbidden", () => {
  const invalid = yaml`
    services:
      web:
        image: nginx:1.27
        mem_limit: 512m
        cpu_shares: 512
  `;
  const valid = yaml`
    services:
      web:
        image: nginx:1.27
        deploy:
          resources:
            limits:
              memory: 512M
  `;
  it("reports each forbidden key with its replacement", () => {
    expect(lines(check(invalid, "swarm/forbidden"))).toEqual([
      `4:5 error Service "web": docker stack deploy forbids mem_limit ("Configuration contains forbidden properties"); use deploy.resources.limits.memory`,
      `5:5 error Service "web": docker stack deploy forbids cpu_shares ("Configuration contains forbidden properties"); use deploy.resources.reservations.cpus`,
    ]);
    dockerAgrees(invalid, valid, /Configuration contains forbidden properties/);
  });
  it("reports extends and volumes_from", () => {
    const text = yaml`
      services:
        base:
          image: nginx:1.27
        web:
          extends: base
          volumes_from: [base]
    `;
    expect(check(text, "swarm/forbidden").map((f) => `${f.line}:${f.column}`)).toEqual(["5:5", "6:5"]);
  });
  it("passes deploy.resources", () => {
    expect(check(valid, "swarm/forbidden")).toEqual([]);
  });
});
