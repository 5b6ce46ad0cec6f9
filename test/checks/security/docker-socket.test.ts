import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

const mounting = (...entries: string[]) =>
  `services:\n  svc:\n    image: busybox:1.36\n    volumes:\n${entries.map((e) => `      - ${e}\n`).join("")}`;

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

  it.each([
    ["/:/host", "/, which holds the Docker and containerd sockets, which gives it root on the host"],
    ["//:/host", "//, which holds the Docker and containerd sockets"],
    ["/.:/host", "/., which holds the Docker and containerd sockets"],
    ["/etc/..:/host", "/etc/.., which holds the Docker and containerd sockets"],
    ["/run:/run", "/run, which holds the Docker and containerd sockets"],
    ["/var/run:/var/run", "/var/run, which holds the Docker and containerd sockets"],
    ["/var:/host-var", "/var, which holds the Docker and containerd sockets"],
    ["/run/containerd:/run/containerd", "/run/containerd, which holds the containerd socket"],
    ["/run/systemd:/run/systemd", "/run/systemd, which holds systemd's private socket"],
    ["/run/containerd/containerd.sock:/c.sock", "the containerd socket, which gives it root on the host"],
    ["/run/podman/podman.sock:/p.sock", "the Podman socket"],
    ["/var/run/crio/crio.sock:/c.sock", "the CRI-O socket"],
    ["/run/user/1000/podman/podman.sock:/p.sock", "the Podman socket"],
    ["${DOCKER_SOCKET:-/var/run/docker.sock}:/var/run/docker.sock", "the Docker socket"],
  ])("finds %s in any spelling", (entry, says) => {
    const found = check(mounting(entry), "security/docker-socket");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 5, column: 9, severity: "error" });
    expect(found[0].message).toContain(says);
  });

  it("reports a read-only root as a warning, and node_exporter's documented one as info", () => {
    expect(lines(check(mounting("/:/host:ro"), "security/docker-socket"))).toEqual([
      '5:9 warning Service "svc" mounts /, which holds the Docker and containerd sockets, read-only, which still allows every API call',
    ]);
    const exporter = yaml`
      services:
        node-exporter:
          image: quay.io/prometheus/node-exporter:v1.12.1
          volumes:
            - /:/host:ro,rslave
        as-root:
          image: prom/node-exporter:v1.12.1
          user: root
          volumes:
            - source: /
              target: /host
              read_only: true
    `;
    expect(lines(check(exporter, "security/docker-socket"))).toEqual([
      '5:9 info Service "node-exporter" mounts /, which holds the Docker and containerd sockets, read-only as node_exporter documents; its image runs as nobody, which cannot open them, so keep it from running as root',
      '10:9 warning Service "as-root" mounts /, which holds the Docker and containerd sockets, read-only, which still allows every API call',
    ]);
  });

  it("finds long syntax without a type and named volumes that bind the socket or the root", () => {
    const text = yaml`
      services:
        a:
          image: busybox:1.36
          volumes:
            - source: /
              target: /host
            - sock:/var/run/docker.sock
            - type: volume
              source: rootfs
              target: /rootfs
              read_only: true
      volumes:
        sock:
          driver_opts:
            type: none
            o: bind
            device: /var/run/docker.sock
        rootfs:
          driver: local
          driver_opts:
            o: rbind
            device: /
        elsewhere:
          external: true
    `;
    expect(lines(check(text, "security/docker-socket"))).toEqual([
      '5:9 error Service "a" mounts /, which holds the Docker and containerd sockets, which gives it root on the host',
      '7:9 error Service "a" mounts the Docker socket through volume "sock" (a bind of /var/run/docker.sock), which gives it root on the host',
      '8:9 warning Service "a" mounts volume "rootfs", a bind of /, which holds the Docker and containerd sockets, read-only, which still allows every API call',
    ]);
  });

  it("passes other mounts: paths that only mention docker.sock, descendants of /run, plain named volumes, unset variables", () => {
    const text = mounting(
      "./docker.sock.md:/docs/docker.sock.md:ro",
      "data:/var/run",
      "/tmp/fake:/var/run/docker.sock",
      "/run/user/1000/app:/app",
      "${SOCKET}:/var/run/docker.sock",
      "/srv/app:/app",
    );
    expect(check(text, "security/docker-socket")).toEqual([]);
  });
});
