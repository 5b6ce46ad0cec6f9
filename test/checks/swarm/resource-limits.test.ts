import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/resource-limits", () => {
  it("reports once at services: when no service sets limits", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
        db:
          image: postgres:16.4
    `;
    expect(lines(check(text, "swarm/resource-limits"))).toEqual([
      '1:1 info No service sets deploy.resources.limits: one runaway task can starve every service on its node (2 services: "web", "db")',
    ]);
  });

  it("reports each service that lacks what the others set, saying which limit is missing", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          deploy:
            resources:
              limits: { memory: 256M, cpus: "0.5" }
        worker:
          image: busybox:1.36
          deploy:
            resources:
              limits: { memory: 128M }
        zero:
          image: busybox:1.36
          deploy:
            resources:
              limits: { memory: "\${MEM:-0}", cpus: "\${CPUS}" }
        db:
          image: postgres:16.4
    `;
    expect(lines(check(text, "swarm/resource-limits"))).toEqual([
      '7:3 info Service "worker" sets no CPU limit (deploy.resources.limits): one runaway task can starve its node',
      '12:3 info Service "zero" sets no memory limit (deploy.resources.limits): one runaway task can starve its node',
      '17:3 info Service "db" sets no memory or CPU limit (deploy.resources.limits): one runaway task can starve its node',
    ]);
  });
});
