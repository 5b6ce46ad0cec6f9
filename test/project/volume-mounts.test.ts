import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { hetznerVolume, parseVolumeMount, serviceMounts } from "../../src/project/volume-mounts.js";

describe("volume mounts", () => {
  it("reads the short and the long syntax", () => {
    expect(parseVolumeMount("pgdata:/var/lib/postgresql/data")).toEqual({ type: "volume", source: "pgdata", target: "/var/lib/postgresql/data", readOnly: false });
    expect(parseVolumeMount("./conf:/etc/app:ro,z")).toEqual({ type: "bind", source: "./conf", target: "/etc/app", readOnly: true });
    expect(parseVolumeMount("/data")).toEqual({ type: "volume", target: "/data", readOnly: false });
    expect(parseVolumeMount({ type: "bind", source: "/mnt/HC_Volume_1/pg", target: "/pg", read_only: true })).toEqual({ type: "bind", source: "/mnt/HC_Volume_1/pg", target: "/pg", readOnly: true });
    expect(parseVolumeMount({ type: "tmpfs", target: "/tmp" })).toEqual({ type: "tmpfs", target: "/tmp", readOnly: false });
    expect(parseVolumeMount(42)).toBeUndefined();
  });

  it("finds the Hetzner volume under /mnt/HC_Volume_<id> only", () => {
    expect(hetznerVolume("/mnt/HC_Volume_100234/postgres")).toEqual({ id: "100234", mountPoint: "/mnt/HC_Volume_100234" });
    expect(hetznerVolume("/mnt/HC_Volume_100234")).toEqual({ id: "100234", mountPoint: "/mnt/HC_Volume_100234" });
    expect(hetznerVolume("//mnt//HC_Volume_7/x")).toEqual({ id: "7", mountPoint: "/mnt/HC_Volume_7" });
    expect(hetznerVolume("/mnt/HC_Volume_100234x/postgres")).toBeUndefined();
    expect(hetznerVolume("/srv/HC_Volume_1")).toBeUndefined();
  });

  it("lists every service's mounts with the Hetzner volume of bind mounts", () => {
    const doc = parseCompose(
      "services:\n  db:\n    image: postgres:16\n    volumes:\n      - /mnt/HC_Volume_9/pg:/var/lib/postgresql/data\n      - pgconf:/etc/pg\n  web:\n    image: nginx\n",
    );
    expect(serviceMounts(new Project([doc]))).toEqual([
      { service: "db", index: 0, type: "bind", source: "/mnt/HC_Volume_9/pg", target: "/var/lib/postgresql/data", readOnly: false, hetzner: { id: "9", mountPoint: "/mnt/HC_Volume_9" } },
      { service: "db", index: 1, type: "volume", source: "pgconf", target: "/etc/pg", readOnly: false },
    ]);
  });
});
