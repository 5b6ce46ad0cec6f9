import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/duplicate-port", () => {
  it("reports the later entry, across services, ranges, syntaxes and host addresses", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - "8080:80"
            - "9000-9002:9000-9002"
            - "127.0.0.1:5432:5432"
        api:
          image: ghcr.io/org/api:1.0.0
          ports:
            - target: 8080
              published: 8080
            - "9001:3000"
            - "10.0.0.1:5432:5432"
            - "8080:80/udp"
    `;
    expect(lines(check(text, "swarm/duplicate-port"))).toEqual([
      '11:9 error Service "api" publishes port 8080/tcp, which service "web" publishes too: the second one fails to deploy ("port is already in use")',
      '13:9 error Service "api" publishes port 9001/tcp, which service "web" publishes too: the second one fails to deploy ("port is already in use")',
      '14:9 error Service "api" publishes port 5432/tcp, which service "web" publishes too: the second one fails to deploy ("port is already in use")',
    ]);
  });

  it("compares defaults of interpolated ports, not ports left to the environment", () => {
    const text = yaml`
      services:
        a:
          image: nginx:1.27
          ports: ["\${A_PORT:-8080}:80", "\${B_PORT}:81", "80"]
        b:
          image: nginx:1.27
          ports: ["8080:80", "\${B_PORT}:81", "80"]
    `;
    expect(check(text, "swarm/duplicate-port").map((f) => f.line)).toEqual([7]);
  });
});
