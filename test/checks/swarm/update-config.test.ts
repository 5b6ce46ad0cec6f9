import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/update-config", () => {
  it("reports once when no service rolls back, skipping jobs", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
        api:
          image: ghcr.io/org/api:1.0.0
        migrate:
          image: ghcr.io/org/api:1.0.0
          deploy:
            mode: replicated-job
    `;
    const found = check(text, "swarm/update-config");
    expect(lines(found)).toEqual([
      `1:1 warning No service sets deploy.update_config.failure_action: a failed update pauses half done (Swarm's default) instead of rolling back (2 services: "web", "api"); \`compose-gate transform --only update-config\` adds it`,
    ]);
    expect(found[0].service).toBeUndefined();
    // A stack-wide finding names the command; a fix of its own would be the whole stack's diff.
    expect(found[0].fix).toBeUndefined();
  });

  it("reports a service that lacks what the others set, and a chosen pause as info", () => {
    const text = yaml`
      x-deploy: &deploy
        update_config:
          failure_action: rollback
      services:
        web:
          image: nginx:1.27
          deploy: *deploy
        api:
          image: ghcr.io/org/api:1.0.0
          deploy:
            update_config:
              failure_action: pause
        worker:
          image: ghcr.io/org/worker:1.0.0
    `;
    expect(check(text, "swarm/update-config").map((f) => f.fix)).toEqual([undefined, "update-config"]);
    expect(lines(check(text, "swarm/update-config"))).toEqual([
      '12:9 info Service "api" updates with failure_action: pause, so a failed update is not rolled back',
      `13:3 warning Service "worker" has no deploy.update_config.failure_action: a failed update pauses half done (Swarm's default) instead of rolling back`,
    ]);
  });
});
