import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("gate/volume-placement", () => {
  it("reports a database's data directory in a named or anonymous volume, with the bind mount to switch to", () => {
    const text = yaml`
      services:
        postgres:
          image: postgres:16.4
          volumes:
            - pgdata:/var/lib/postgresql/data
        mysql:
          image: mariadb:11.4
          volumes:
            - /var/lib/mysql
        minio:
          image: quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z
          volumes:
            - /mnt/HC_Volume_100234/minio:/data
      volumes:
        pgdata:
    `;
    const found = check(text, "gate/volume-placement");
    expect(lines(found)).toEqual([
      '5:9 warning Postgres service "postgres" keeps /var/lib/postgresql/data in the named volume "pgdata" on the server\'s root disk, where the volume alerts and the auto-resize do not look; copy the data onto a Hetzner Cloud Volume with the service stopped, then mount it from there: - /mnt/HC_Volume_100234/postgres:/var/lib/postgresql/data',
      '9:9 warning MySQL service "mysql" keeps /var/lib/mysql in an anonymous volume on the server\'s root disk, where the volume alerts and the auto-resize do not look; copy the data onto a Hetzner Cloud Volume with the service stopped, then mount it from there: - /mnt/HC_Volume_100234/mysql:/var/lib/mysql',
    ]);
    expect(found[0].fix).toBeUndefined();
  });

  it("names a placeholder volume when the stack uses none yet; Postgres 18's parent folder counts", () => {
    const text = "services:\n  db:\n    image: postgres:18\n    volumes:\n      - pg:/var/lib/postgresql\nvolumes:\n  pg: {}\n";
    expect(check(text, "gate/volume-placement")[0].message).toContain("then mount it from there: - /mnt/HC_Volume_<id>/db:/var/lib/postgresql");
  });

  it("passes data on a Hetzner volume, bound volumes, external volumes, driver plugins, and what is not data", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16.4
          volumes:
            - pgdata:/var/lib/postgresql/data
            - pgconf:/etc/postgresql
        mongo:
          image: mongo:8.0
          volumes:
            - mongodata:/data/db
        redis:
          image: redis:7.4
          volumes:
            - redisdata:/data
        exporter:
          image: quay.io/prometheuscommunity/postgres-exporter:v0.17.1
          volumes:
            - exporter:/var/lib/postgresql
        traefik:
          image: traefik:v3.1
          volumes:
            - letsencrypt:/letsencrypt
      volumes:
        pgdata:
          driver_opts: {type: none, o: bind, device: /mnt/HC_Volume_7/pg}
        pgconf:
        mongodata:
          external: true
        redisdata:
          driver: hetznercloud/hcloud-csi-driver:2.13.0
        exporter:
        letsencrypt:
    `;
    expect(check(text, "gate/volume-placement")).toEqual([]);
  });
});
