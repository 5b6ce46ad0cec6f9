import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/traefik-labels", () => {
  it("reports Traefik labels outside deploy.labels when Traefik reads Swarm services", () => {
    const text = yaml`
      services:
        traefik:
          image: traefik:v3.1
          command: ["--providers.swarm=true"]
        api:
          image: ghcr.io/org/api:1.0.0
          labels:
            com.example.team: core
            traefik.enable: "true"
            traefik.http.routers.api.rule: Host(\`api.example.com\`)
        web:
          image: nginx:1.27
          deploy:
            labels: [traefik.enable=true]
    `;
    const found = check(text, "swarm/traefik-labels");
    expect(lines(found)).toEqual([
      '9:7 warning Service "api": 2 Traefik labels under labels, which Traefik\'s Swarm provider does not read; move them to deploy.labels',
    ]);
    expect(found[0].fix).toBe("traefik-labels");
  });

  it("reads a Swarm stack from its deploy keys, and leaves compose stacks alone", () => {
    const swarm = "services:\n  api:\n    image: a:1\n    labels: [traefik.enable=true]\n    deploy:\n      placement: { constraints: [node.role == worker] }\n";
    expect(check(swarm, "swarm/traefik-labels").map((f) => f.line)).toEqual([4]);
    const compose = "services:\n  traefik:\n    image: traefik:v3.1\n    command: [--providers.docker=true]\n  api:\n    image: a:1\n    labels: [traefik.enable=true]\n";
    expect(check(compose, "swarm/traefik-labels")).toEqual([]);
  });
});
