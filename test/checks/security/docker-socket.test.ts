import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("security/docker-socket", () => {
  it("reports a read-write socket as an error and a read-only one as a warning, at the mount", () => {
    const text = yaml`
      services:
        traefik:
          image: traefik:v3.1
          volumes:
            - /var/run/docker.sock:/var/run/docker.sock:ro
            - letsencrypt:/letsencrypt
        agent:
          image: portainer/agent:2.21.0
          volumes:
            - type: bind
              source: /run/docker.sock
              target: /var/run/docker.sock
    `;
    expect(lines(check(text, "security/docker-socket"))).toEqual([
      '5:9 warning Service "traefik" mounts the Docker socket read-only, which still allows every Docker API call',
      '10:9 error Service "agent" mounts the Docker socket, which gives it root on the host',
    ]);
  });

  it("passes other mounts, including paths that only mention docker.sock", () => {
    const text = yaml`
      services:
        app:
          image: busybox:1.36
          volumes:
            - ./docker.sock.md:/docs/docker.sock.md:ro
            - data:/var/run
    `;
    expect(check(text, "security/docker-socket")).toEqual([]);
  });
});
