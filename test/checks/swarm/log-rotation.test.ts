import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/log-rotation", () => {
  it("warns on json-file without max-size and notes services on the daemon's default", () => {
    const text = yaml`
      x-logging: &logging
        driver: json-file
        options: { max-size: 10m, max-file: "3" }
      services:
        web:
          image: nginx:1.27
          logging: *logging
        api:
          image: ghcr.io/org/api:1.0.0
          logging:
            driver: json-file
        shipped:
          image: ghcr.io/org/api:1.0.0
          logging: { driver: local }
        quiet:
          image: busybox:1.36
    `;
    expect(lines(check(text, "swarm/log-rotation"))).toEqual([
      '10:5 warning Service "api" logs to json-file without max-size, so its log grows until the disk is full',
      `15:3 info Service "quiet" sets no logging: Docker's default json-file driver keeps its log unbounded unless the daemon's daemon.json rotates it`,
    ]);
  });

  it("says it once when no service sets logging", () => {
    const text = "services:\n  a:\n    image: nginx:1.27\n  b:\n    image: redis:7.4\n";
    expect(lines(check(text, "swarm/log-rotation"))).toEqual([
      `1:1 info No service sets logging: Docker's default json-file driver keeps logs unbounded unless the daemon's daemon.json rotates them (2 services: "a", "b"); \`compose-gate transform --only log-rotation\` adds it`,
    ]);
  });
});
