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
  // #16 item 3: `privileged: "yes"` passed silently; Docker rejects it.
  const TYPED: [string, string, string][] = [
    ["privileged", 'privileged: "yes"', "privileged: true"],
    ["read_only", 'read_only: "true"', "read_only: true"],
    ["init", 'init: "true"', "init: true"],
    ["tty", 'tty: "false"', "tty: false"],
    ["stdin_open", 'stdin_open: "on"', "stdin_open: true"],
    ["oom_score_adj", 'oom_score_adj: "5"', "oom_score_adj: 5"],
    ["healthcheck.disable", 'healthcheck:\n      disable: "true"', "healthcheck:\n      disable: true"],
    ["healthcheck.retries", 'healthcheck:\n      test: ["CMD", "true"]\n      retries: "3"', 'healthcheck:\n      test: ["CMD", "true"]\n      retries: 3'],
    ["deploy.replicas", 'deploy:\n      replicas: "2"', "deploy:\n      replicas: 2"],
    ["deploy.update_config.parallelism", 'deploy:\n      update_config:\n        parallelism: "2"', "deploy:\n      update_config:\n        parallelism: 2"],
    ["deploy.update_config.max_failure_ratio", 'deploy:\n      update_config:\n        max_failure_ratio: "0.5"', "deploy:\n      update_config:\n        max_failure_ratio: 0.5"],
    ["deploy.restart_policy.max_attempts", 'deploy:\n      restart_policy:\n        max_attempts: "3"', "deploy:\n      restart_policy:\n        max_attempts: 3"],
    ["ports.0.target", 'ports:\n      - target: "80"', "ports:\n      - target: 80"],
    ["ports.0.published", 'ports:\n      - target: 80\n        published: "8080"', "ports:\n      - target: 80\n        published: 8080"],
    ["volumes.0.read_only", 'volumes:\n      - type: bind\n        source: /tmp\n        target: /d\n        read_only: "true"', "volumes:\n      - type: bind\n        source: /tmp\n        target: /d\n        read_only: true"],
    ["ulimits.nofile", 'ulimits:\n      nofile: "1024"', "ulimits:\n      nofile: 1024"],
  ];
  it.each(TYPED)("reports a quoted literal in %s, and Docker agrees", (where, bad, good) => {
    const file = (body: string) => `services:\n  web:\n    image: nginx:1.27\n    ${body}\n`;
    const found = check(file(bad), "swarm/value-type");
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`rejects a string for ${where} `);
    dockerAgrees(file(bad), file(good), /must be a (boolean|integer|number)/);
  });
  it("says what to write instead, and leaves ${…} values to the loader", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          privileged: "maybe"
          read_only: "\${RO:-true}"
          deploy:
            replicas: "two"
      networks:
        back:
          external: "true"
    `;
    expect(lines(check(text, "swarm/value-type"))).toEqual([
      '4:5 error Service "web": docker stack deploy rejects a string for privileged ("must be a boolean"; only a ${…} value is converted); write true or false',
      '7:7 error Service "web": docker stack deploy rejects a string for deploy.replicas ("must be a integer"; only a ${…} value is converted); write an integer',
      '10:5 error docker stack deploy rejects a string for networks.back.external ("must be a boolean"; only a ${…} value is converted); write it unquoted: true',
    ]);
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
