import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/value-type", () => {
  const invalid = yaml`
    services:
      web:
        image: nginx:1.27
        environment:
          FORCE_PATH_STYLE: true
          COUNT: 3
        labels:
          traefik.enable: True
        deploy:
          resources:
            limits:
              cpus: 0.5
  `;
  const valid = yaml`
    services:
      web:
        image: nginx:1.27
        environment:
          FORCE_PATH_STYLE: "true"
          COUNT: 3
        labels:
          traefik.enable: "true"
        deploy:
          resources:
            limits:
              cpus: "0.5"
  `;
  it("reports boolean map values and a numeric cpus", () => {
    expect(lines(check(invalid, "swarm/value-type"))).toEqual([
      '5:7 error Service "web": docker stack deploy rejects the boolean true for environment.FORCE_PATH_STYLE (the v3 schema allows strings and numbers there); quote it: "true"',
      '8:7 error Service "web": docker stack deploy rejects the boolean true for labels.traefik.enable (the v3 schema allows strings and numbers there); quote it: "true"',
      '12:11 error Service "web": docker stack deploy rejects a number for deploy.resources.limits.cpus ("must be a string"); quote it: "0.5"',
    ]);
    dockerAgrees(invalid, valid, /must be a string/);
  });
  it("passes quoted values, numbers, yes/on (strings to Docker) and the list form", () => {
    expect(check(valid, "swarm/value-type")).toEqual([]);
    const list = yaml`
      services:
        web:
          image: nginx:1.27
          environment:
            - FLAG=true
            - ON_OFF: on
          labels:
            enabled: yes
    `;
    expect(check(list, "swarm/value-type")).toEqual([]);
  });
  it("reports top-level labels too", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
      networks:
        back:
          labels:
            internal: false
    `;
    expect(check(text, "swarm/value-type").map((f) => `${f.line}:${f.column}`)).toEqual(["7:7"]);
  });

  it("reports services that are not a map, and a service that is not a map (compose-lint's invalid fixtures)", () => {
    const list = "services:\n  - web\n  - db\n";
    expect(lines(check(list, "swarm/value-type"))).toEqual(["1:1 error docker stack deploy rejects the file: services must be a map of service names to definitions, not a list"]);
    dockerAgrees(list, "services:\n  web:\n    image: nginx:1.27\n", /services must be a mapping/);
    const scalar = 'services:\n  web: "not a mapping"\n';
    expect(lines(check(scalar, "swarm/value-type"))).toEqual(["2:3 error docker stack deploy rejects the file: services.web must be a map of settings, not a value"]);
    dockerAgrees(scalar, "services:\n  web:\n    image: nginx:1.27\n", /services.web must be a mapping/);
    // Every other rule reads such a file without throwing.
    for (const ns of ["gate", "security", "swarm"]) expect(() => check(list, ns)).not.toThrow();
    for (const ns of ["gate", "security", "swarm"]) expect(() => check(scalar, ns)).not.toThrow();
  });
});
