import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("gate/volume-monitoring", () => {
  it("reports at the Postgres data mount when no node_exporter runs", () => {
    const text = yaml`
      services:
        minio:
          image: minio/minio:RELEASE.2025-02-28T09-55-16Z
          volumes:
            - miniodata:/data
        postgres:
          image: postgres:16.4
          volumes:
            - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
            - pgdata:/var/lib/postgresql/data
      volumes:
        miniodata:
        pgdata:
    `;
    const found = check(text, "gate/volume-monitoring");
    expect(lines(found)).toEqual(['10:9 error Service "postgres" keeps data in a volume, and no node_exporter in the stack reports how full the disk is']);
    expect(found[0].fix).toBe("node-exporter");
  });

  it("falls back to the first named volume of any service", () => {
    const text = "services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - ./conf:/conf\n      - data:/data\nvolumes:\n  data:\n";
    expect(check(text, "gate/volume-monitoring").map((f) => `${f.line}:${f.column}`)).toEqual(["6:9"]);
  });

  it("passes when a node_exporter runs, whatever image variant", () => {
    for (const image of ["quay.io/prometheus/node-exporter:v1.12.1", "prom/node-exporter:v1.9.1", "stefanprodan/swarmprom-node-exporter:v0.16.0"]) {
      const text = `services:\n  postgres:\n    image: postgres:16.4\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n  node-exporter:\n    image: ${image}\nvolumes:\n  pgdata:\n`;
      expect(check(text, "gate/volume-monitoring")).toEqual([]);
    }
  });

  it("counts bind mounts onto a Hetzner Cloud Volume, where Busflow keeps Postgres", () => {
    const text = yaml`
      services:
        traefik:
          image: traefik:v3.1
          volumes:
            - letsencrypt:/letsencrypt
        postgres:
          image: postgres:16.4
          volumes:
            - /mnt/HC_Volume_100234/postgres:/var/lib/postgresql/data
      volumes:
        letsencrypt:
    `;
    expect(lines(check(text, "gate/volume-monitoring"))).toEqual([
      '9:9 error Service "postgres" keeps data on Hetzner Cloud Volume 100234 (/mnt/HC_Volume_100234), and no node_exporter in the stack reports how full the disk is',
    ]);
  });

  it("prefers a Hetzner volume of any service over a named volume", () => {
    const text = "services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - cache:/cache\n  files:\n    image: busybox:1.36\n    volumes:\n      - type: bind\n        source: /mnt/HC_Volume_7/files\n        target: /data\nvolumes:\n  cache:\n";
    expect(check(text, "gate/volume-monitoring").map((f) => `${f.line}:${f.column} ${f.service}`)).toEqual(["9:9 files"]);
  });

  it("ignores bind mounts of other host paths, which hold configuration", () => {
    expect(check("services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - /srv/app:/data\n      - /var/run/docker.sock:/var/run/docker.sock\n", "gate/volume-monitoring")).toEqual([]);
  });

  it("passes stacks without data volumes", () => {
    expect(check("services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n", "gate/volume-monitoring")).toEqual([]);
  });
});
