import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

const mounting = (...entries: string[]) =>
  `services:\n  svc:\n    image: busybox:1.36\n    volumes:\n${entries.map((e) => `      - ${e}\n`).join("")}`;

describe("security/host-mount", () => {
  it("errors on writable root-equivalent paths and warns on read-only ones, one finding per mount", () => {
    const text = mounting("/etc:/host-etc", "/proc:/host-proc", "/boot:/boot", "/root:/root", "/var/lib/docker:/d", "/var/lib:/l", "/etc/:/e:ro", "/etc/passwd:/etc/passwd:ro");
    expect(lines(check(text, "security/host-mount"))).toEqual([
      '5:9 error Service "svc" mounts /etc writable, which is host root through cron, sudoers or ld.so.preload',
      '6:9 error Service "svc" mounts /proc writable, which is host root through /proc/sys/kernel/core_pattern',
      "7:9 error Service \"svc\" mounts /boot writable, which is the host's kernel and boot loader",
      "8:9 error Service \"svc\" mounts /root writable, which is host root through root's SSH authorized_keys",
      "9:9 error Service \"svc\" mounts /var/lib/docker writable, which is every container's filesystem and image layers",
      "10:9 error Service \"svc\" mounts /var/lib writable, which is every container's filesystem, through /var/lib/docker",
      '11:9 warning Service "svc" mounts /etc/ read-only, which discloses host configuration and password hashes',
      '12:9 warning Service "svc" mounts /etc/passwd (under /etc) read-only, which discloses host configuration and password hashes',
    ]);
  });

  it("warns on /sys, /dev, homes and /run's service state in either mode", () => {
    const text = mounting("/etc/hostname:/etc/nodename", "/sys:/sys", "/dev/shm:/dev/shm", "/home:/h", "/home/alice/.ssh:/k:ro", "~/.aws:/aws:ro", "/var/run/dbus:/var/run/dbus");
    expect(lines(check(text, "security/host-mount")).map((l) => l.split(", which")[0])).toEqual([
      '5:9 warning Service "svc" mounts /etc/hostname (under /etc) writable',
      '6:9 warning Service "svc" mounts /sys writable',
      '7:9 warning Service "svc" mounts /dev/shm (under /dev) writable',
      '8:9 warning Service "svc" mounts /home writable',
      '9:9 warning Service "svc" mounts /home/alice/.ssh read-only',
      '10:9 warning Service "svc" mounts ~/.aws read-only',
      '11:9 warning Service "svc" mounts /var/run/dbus (under /var/run) writable',
    ]);
  });

  it("passes the time zone, inert devices, project paths, named volumes and what docker-socket reports", () => {
    const text = mounting(
      "/etc/localtime:/etc/localtime:ro",
      "/etc/timezone:/etc/timezone:ro",
      "/dev/null:/app/.env",
      "/home/alice/projects/app/data:/data",
      "./config:/etc/app",
      "/var/lib/postgresql/data:/var/lib/postgresql/data",
      "pgdata:/var/lib/postgresql/data",
      "/var/run/docker.sock:/var/run/docker.sock",
      "/:/host:ro",
    );
    expect(check(text, "security/host-mount")).toEqual([]);
  });

  it("finds long syntax and bind-backed volumes; node_exporter's read-only /proc and /sys are info", () => {
    const text = yaml`
      services:
        node-exporter:
          image: prom/node-exporter:v1.12.1
          volumes:
            - /proc:/host/proc:ro
            - type: bind
              source: /sys
              target: /host/sys
              read_only: true
        app:
          image: busybox:1.36
          volumes:
            - etc:/host-etc
      volumes:
        etc:
          driver_opts: { type: none, o: bind, device: /etc }
    `;
    expect(lines(check(text, "security/host-mount"))).toEqual([
      '5:9 info Service "node-exporter" mounts /proc read-only, as node_exporter documents: it reads every host process, its command line and environment',
      '6:9 info Service "node-exporter" mounts /sys read-only, as node_exporter documents: it reads host kernel interfaces',
      '13:9 error Service "app" mounts volume "etc" (a bind of /etc) writable, which is host root through cron, sudoers or ld.so.preload',
    ]);
  });
});
