import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/healthcheck", () => {
  it("reports services that take traffic without a healthcheck", () => {
    const text = yaml`
      services:
        proxy:
          image: traefik:v3.1
          ports: ["443:443"]
        api:
          image: ghcr.io/org/api:1.0.0
          deploy:
            labels:
              - traefik.enable=true
              - traefik.http.routers.api.rule=Host(\`api.example.com\`)
        checked:
          image: ghcr.io/org/api:1.0.0
          ports: ["8080:8080"]
          healthcheck:
            test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
        disabled:
          image: ghcr.io/org/api:1.0.0
          ports: ["8081:8080"]
          healthcheck: { disable: true }
        worker:
          image: ghcr.io/org/worker:1.0.0
    `;
    expect(lines(check(text, "swarm/healthcheck")).map((l) => l.split(": Swarm")[0])).toEqual([
      '2:3 info Service "proxy" publishes ports but has no healthcheck',
      '5:3 info Service "api" takes traffic through Traefik but has no healthcheck',
      '16:3 info Service "disabled" publishes ports but has no healthcheck',
    ]);
  });
});
