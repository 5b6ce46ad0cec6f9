import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAvailable, lines, stackConfig } from "../_helpers.js";

describe("swarm/rejected-key", () => {
  const invalid = yaml`
    include:
      - base.yml
    services:
      worker:
        image: busybox:1.36
        scale: 2
        cpus: 0.5
        x-note: kept
        ports:
          - target: 80
            published: 8080
            app_protocol: http
    secrets:
      token:
        environment: OAUTH_TOKEN
  `;
  it("reports each key the v3 schema lacks, at the key", () => {
    expect(lines(check(invalid, "swarm/rejected-key"))).toEqual([
      '1:1 error docker stack deploy rejects include at the top level ("Additional property include is not allowed" in the v3 schema)',
      '6:5 error Service "worker": docker stack deploy rejects scale ("Additional property scale is not allowed" in the v3 schema)',
      '7:5 error Service "worker": docker stack deploy rejects cpus ("Additional property cpus is not allowed" in the v3 schema)',
      '12:9 error Service "worker": docker stack deploy rejects app_protocol in ports.0 ("Additional property app_protocol is not allowed" in the v3 schema)',
      '15:5 error docker stack deploy rejects environment in secrets.token ("Additional property environment is not allowed" in the v3 schema)',
    ]);
  });
  it("reports a key merged in from an anchor once, at the anchor, for no single service", () => {
    const text = yaml`
      x-pull: &pull
        pull_policy: never
      services:
        api:
          <<: *pull
          image: busybox:1.36
        worker:
          <<: *pull
          image: busybox:1.36
          pull_policy: always
    `;
    const found = check(text, "swarm/rejected-key");
    expect(lines(found)).toEqual([
      '2:3 error Services merging this anchor: docker stack deploy rejects pull_policy ("Additional property pull_policy is not allowed" in the v3 schema)',
      '10:5 error Service "worker": docker stack deploy rejects pull_policy ("Additional property pull_policy is not allowed" in the v3 schema)',
    ]);
    expect(found.map((f) => f.service)).toEqual([undefined, "worker"]);
  });

  it("agrees with docker stack config key by key", () => {
    if (!dockerAvailable) return;
    const cases = [
      [`services:\n  a:\n    image: x:1\n    pull_policy: always\n`, /Additional property pull_policy/],
      [`services:\n  a:\n    image: x:1\nsecrets:\n  t:\n    environment: T\n`, /Additional property environment/],
      [`services:\n  a:\n    image: x:1\n    networks:\n      n:\n        priority: 1\nnetworks:\n  n: {}\n`, /Additional property priority/],
      [`services:\n  a:\n    image: x:1\n    volumes:\n      - type: volume\n        target: /d\n        x-a: 1\n`, /Additional property x-a/],
    ] as const;
    for (const [text, message] of cases) {
      expect(check(text, "swarm/rejected-key")).toHaveLength(1);
      const result = stackConfig(text);
      expect(result.ok).toBe(false);
      expect(result.stderr).toMatch(message);
    }
  });
  it("passes the keys docker stack accepts, x- extensions where the schema allows them, and keys other rules report", () => {
    const text = yaml`
      version: "3.8"
      name: other-rule
      x-defaults: &d
        image: busybox:1.36
      services:
        worker:
          <<: *d
          profiles: [other-rule]
          x-note: kept
          deploy:
            replicas: 2
          healthcheck:
            test: ["CMD", "true"]
          ports:
            - target: 80
              published: 8080
              host_ip: 127.0.0.1
          networks:
            back:
              aliases: [w]
      networks:
        back:
          driver: overlay
          attachable: true
      secrets:
        token:
          external: true
          name: token_v1
    `;
    expect(check(text, "swarm/rejected-key")).toEqual([]);
  });
});
