/**
 * The resize script on its own, against fakes of the Hetzner Cloud API (curl), the server (ssh)
 * and the tools on it (df, readlink, resize2fs, xfs_growfs, sudo): what it calls, with which
 * sizes, and what it says when something fails (issue #14).
 */
import { describe, expect, it } from "vitest";
import { RESIZE_SCRIPT } from "../../../src/transforms/volume-autoresize/script.js";
import { need, shellcheck } from "../../support/tools.js";
import { addVolume, apiCalls, runScript, TOKEN, volumeWorld, writes, type World } from "./world.js";

const PG = "100234=/mnt/HC_Volume_100234";
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d+Z$/, "+00:00");

describe("volume-autoresize.sh", () => {
  it("passes shellcheck, warnings and style included", (ctx) => {
    need(ctx, "shellcheck");
    const result = shellcheck(RESIZE_SCRIPT);
    expect(result.stdout + result.stderr).toBe("");
  });

  it("below the threshold: measures, writes nothing, says so in the summary", () => {
    const run = runScript(volumeWorld(50, 85), [PG]);
    expect(run.status).toBe(0);
    expect(apiCalls(run)).toEqual(["GET /volumes/100234"]);
    expect(writes(run)).toEqual([]);
    expect(run.calls.find((c) => c.tool === "ssh")?.command).toBe(
      "df -P -T -B1 -- '/mnt/HC_Volume_100234' && readlink -f -- '/dev/disk/by-id/scsi-0HC_Volume_100234' && lsblk -b -d -n -o SIZE -- '/dev/disk/by-id/scsi-0HC_Volume_100234'",
    );
    expect(run.summary).toContain("| 100234 | /mnt/HC_Volume_100234 | ext4 | 50 GB | 85 % | below 90 %: nothing to do |");
  });

  it("above it: grows the volume, waits for Hetzner, then grows ext4 with resize2fs", () => {
    const run = runScript(volumeWorld(50, 95), [PG]);
    expect(run.status, run.stderr).toBe(0);
    expect(writes(run)).toEqual(['POST /volumes/100234/actions/resize {"size": 60}', "resize2fs /dev/disk/by-id/scsi-0HC_Volume_100234"]);
    expect(apiCalls(run).filter((c) => c.startsWith("GET /actions/"))).toEqual(["GET /actions/9001", "GET /actions/9001"]);
    expect(run.world.volumes[0].size).toBe(60);
    expect(run.world.disks["/mnt/HC_Volume_100234"].bytes).toBeGreaterThan(60 * 2 ** 30 * 0.97);
    expect(run.stdout).toContain("grew the volume from 50 GB to 60 GB and the ext4 filesystem with it");
    expect(run.summary).toContain("| 100234 | /mnt/HC_Volume_100234 | ext4 | 60 GB | 79 % | grew the volume from 50 GB to 60 GB");
  });

  it("by max(+20 %, +10 GB), rounded up to whole GB, never beyond the cap", () => {
    for (const [size, grown, cap] of [
      [10, 20, 500],
      [101, 122, 500],
      [300, 360, 500],
      [480, 500, 500],
      [9000, 10240, 10240],
    ]) {
      const run = runScript(volumeWorld(size, 95), [PG, "--max-size", String(cap), "--dry-run"]);
      expect(run.stdout, `${size} GB`).toContain(`would grow the volume from ${size} GB to ${grown} GB`);
    }
  });

  it("grows xfs with xfs_growfs on the mount point, as root without sudo and otherwise through sudo -n", () => {
    const asRoot = runScript({ ...volumeWorld(50, 95, { fstype: "xfs" }), root: true }, [PG]);
    expect(writes(asRoot)).toEqual(['POST /volumes/100234/actions/resize {"size": 60}', "xfs_growfs /mnt/HC_Volume_100234"]);
    expect(asRoot.calls.some((c) => c.tool === "sudo")).toBe(false);
    const deployUser = runScript(volumeWorld(50, 95, { fstype: "xfs" }), [PG]);
    expect(deployUser.calls.filter((c) => c.tool === "sudo").map((c) => c.argv)).toEqual([["-n", "xfs_growfs", "/mnt/HC_Volume_100234"]]);
  });

  it("stops at the cap with what to do", () => {
    const atCap = runScript(volumeWorld(500, 95), [PG, "--max-size", "500"]);
    expect(atCap.status).toBe(1);
    expect(writes(atCap)).toEqual([]);
    expect(atCap.stderr).toContain("already 500 GB, the cap of 500 GB: free space, or raise the cap (option maxSizeGb");
  });

  it("dry run: measures and decides, but neither resizes nor grows a filesystem", () => {
    const run = runScript(volumeWorld(50, 95), [PG, "--dry-run"]);
    expect(run.status).toBe(0);
    expect(writes(run)).toEqual([]);
    expect(run.calls.some((c) => c.tool === "sudo")).toBe(false);
    expect(run.stdout).toContain("dry run: would grow the volume from 50 GB to 60 GB and the ext4 filesystem with it");
  });

  it("hands the token to curl on stdin, never on a command line, and never prints it", () => {
    const run = runScript(volumeWorld(50, 95), [PG]);
    const curls = run.calls.filter((c) => c.tool === "curl");
    expect(curls.every((c) => c.auth === TOKEN)).toBe(true);
    expect(JSON.stringify(run.calls.map((c) => c.argv))).not.toContain(TOKEN);
    expect(run.stdout + run.stderr + run.summary).not.toContain(TOKEN);
  });

  describe("failures: a red run that says what to do", () => {
    const red = (world: World, args = [PG]) => {
      const run = runScript(world, args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^::error title=Volume auto-resize \(100234\)::/m);
      return run;
    };

    it("a token the API refuses", () => {
      const run = red({ ...volumeWorld(50, 95), token: "another" });
      expect(run.stderr).toContain("the Hetzner Cloud API refused HCLOUD_TOKEN (GET /volumes/100234: 401 unauthorized): replace the secret");
      expect(writes(run)).toEqual([]);
    });

    it("the resize call failing, or the API out of reach", () => {
      const world = { ...volumeWorld(50, 95), errors: { "POST /volumes/100234/actions/resize": { status: 503, code: "unavailable", message: "service unavailable" } } };
      expect(red(world).stderr).toContain("the Hetzner Cloud API answered POST /volumes/100234/actions/resize with 503 unavailable: service unavailable");
      const proxy = red({ ...volumeWorld(50, 95), garbage: "GET /volumes/100234" });
      expect(proxy.stderr).toContain("the Hetzner Cloud API answered GET /volumes/100234 with something that is not JSON");
      const offline = red({ ...volumeWorld(50, 95), api: "unreachable" });
      expect(offline.stderr).toContain("could not reach the Hetzner Cloud API (GET /volumes/100234: curl: (6) Could not resolve host: api.hetzner.cloud)");
    });

    it("a resize Hetzner does not finish in time, or finishes with an error: the filesystem is left alone", () => {
      const slow = runScript({ ...volumeWorld(50, 95), resize: "running" }, [PG, "--action-timeout", "20"]);
      expect(slow.status).toBe(1);
      expect(slow.stderr).toContain("Hetzner had not finished growing volume 100234 to 60 GB after 20 s (action 9001)");
      expect(slow.calls.filter((c) => c.tool === "sleep")).toHaveLength(4);
      expect(writes(slow)).toEqual(['POST /volumes/100234/actions/resize {"size": 60}']);
      const failed = red({ ...volumeWorld(50, 95), resize: "error" });
      expect(failed.stderr).toContain("Hetzner could not grow volume 100234 to 60 GB: Action failed (action 9001)");
      expect(writes(failed)).toEqual(['POST /volumes/100234/actions/resize {"size": 60}']);
    });

    it("the server out of reach over SSH: nothing is resized", () => {
      const run = red({ ...volumeWorld(50, 95), ssh: "unreachable" });
      expect(run.stderr).toContain("cannot reach the server over SSH (ssh: connect to host swarm-manager port 22: Connection refused): check the DEPLOY_SSH_HOST");
      expect(writes(run)).toEqual([]);
    });

    it("a mount point with nothing mounted, or another disk mounted, is never taken for the volume", () => {
      const unmounted = volumeWorld(50, 95);
      delete unmounted.disks["/mnt/HC_Volume_100234"];
      expect(red(unmounted).stderr).toContain("nothing is mounted at /mnt/HC_Volume_100234 on the server SSH reaches (df shows /)");
      const other = volumeWorld(50, 95);
      other.links["/dev/disk/by-id/scsi-0HC_Volume_100234"] = "/dev/sdc";
      const run = red(other);
      expect(run.stderr).toContain("/mnt/HC_Volume_100234 is /dev/sdb on the server, but volume 100234 is /dev/sdc");
      expect(writes(run)).toEqual([]);
    });

    it("a filesystem it cannot grow is refused before the volume is resized", () => {
      const run = red(volumeWorld(50, 95, { fstype: "btrfs" }));
      expect(run.stderr).toContain("the filesystem is btrfs; compose-gate grows ext4 and xfs only");
      expect(writes(run)).toEqual([]);
    });

    it("a filesystem step that fails is retried by the next run without resizing the volume again", () => {
      const first = red({ ...volumeWorld(50, 95), grow: "fail" });
      expect(first.stderr).toContain("growing the ext4 filesystem on the server failed: DEPLOY_SSH_USER must be root or allowed to run resize2fs");
      expect(first.stderr).toContain("(the server said: resize2fs: Permission denied to resize filesystem)");
      const second = runScript({ ...first.world, grow: undefined }, [PG]);
      expect(second.status).toBe(0);
      expect(writes(second)).toEqual(["resize2fs /dev/disk/by-id/scsi-0HC_Volume_100234"]);
      expect(second.stdout).toContain("grew the ext4 filesystem to the volume's 60 GB");
    });

    it("a filesystem that does not grow", () => {
      expect(red({ ...volumeWorld(50, 95), grow: "noop" }).stderr).toContain("the filesystem on /mnt/HC_Volume_100234 did not grow");
    });

    it("the cooldown: no second resize within it, whether the last one failed or did not help", () => {
      const failedRecently = { ...volumeWorld(50, 95), actions: { "100234": [{ id: 7, command: "resize_volume", status: "error" as const, started: minutesAgo(30), error: { code: "action_failed", message: "Action failed" } }] } };
      const run = red(failedRecently);
      expect(run.stderr).toContain("the last resize of volume 100234 failed 30 min ago (Action failed); not retried within the 360 min cooldown");
      expect(writes(run)).toEqual([]);
      const grewRecently = { ...volumeWorld(50, 95), actions: { "100234": [{ id: 7, command: "resize_volume", status: "success" as const, started: minutesAgo(45) }] } };
      expect(red(grewRecently).stderr).toContain("volume 100234 was grown 45 min ago and is above 90 % again");
      const longAgo = { ...volumeWorld(50, 95), actions: { "100234": [{ id: 7, command: "resize_volume", status: "error" as const, started: minutesAgo(400) }, { id: 8, command: "attach_volume", status: "success" as const, started: minutesAgo(5) }] } };
      expect(runScript(longAgo, [PG, "--dry-run"]).stdout).toContain("would grow the volume from 50 GB to 60 GB");
    });

    it("an empty token, before any call", () => {
      const run = runScript(volumeWorld(50, 95), [PG], { HCLOUD_TOKEN: "" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("HCLOUD_TOKEN is empty: add it as a secret of this workflow's GitHub environment");
      expect(run.calls).toEqual([]);
    });
  });

  describe("several volumes", () => {
    const two = () => addVolume(volumeWorld(50, 95), 100, 50, { id: 100567, fstype: "xfs" });
    const args = [PG, "100567=/mnt/HC_Volume_100567"];

    it("handles each, and one that fails does not stop the others", () => {
      const run = runScript({ ...two(), errors: { "GET /volumes/100567": { status: 404, code: "not_found", message: "volume not found" } } }, args);
      expect(run.status).toBe(1);
      expect(writes(run)).toEqual(['POST /volumes/100234/actions/resize {"size": 60}', "resize2fs /dev/disk/by-id/scsi-0HC_Volume_100234"]);
      expect(run.stderr).toContain("::error title=Volume auto-resize (100567)::GET /volumes/100567: 404 not_found: the volume is not in the project HCLOUD_TOKEN belongs to");
    });

    it("--only picks one by id or mount point (the alert's mountpoint label); an unknown one is an error", () => {
      const byMount = runScript(two(), [...args, "--only", "/mnt/HC_Volume_100567"]);
      expect(byMount.status).toBe(0);
      expect(apiCalls(byMount)).toEqual(["GET /volumes/100567"]);
      expect(apiCalls(runScript(two(), [...args, "--only", "100234"]))[0]).toBe("GET /volumes/100234");
      const unknown = runScript(two(), [...args, "--only", "/mnt/other"]);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("--only /mnt/other names none of the volumes this workflow watches");
      const hostile = runScript(two(), [...args, "--only", "x::error::$(reboot)"]);
      expect(hostile.status).toBe(2);
      expect(hostile.calls).toEqual([]);
    });

    it("finds a volume by name", () => {
      const world = addVolume(volumeWorld(50, 20), 40, 95, { id: 100999, name: "uploads" });
      const run = runScript(world, ["uploads=/mnt/HC_Volume_100999"]);
      expect(run.status, run.stderr).toBe(0);
      expect(writes(run)).toEqual(['POST /volumes/100999/actions/resize {"size": 50}', "resize2fs /dev/disk/by-id/scsi-0HC_Volume_100999"]);
      expect(apiCalls(run)[0]).toBe("GET /volumes?name=uploads");
    });
  });

  it("prints its usage with --help, touching nothing", () => {
    const run = runScript(volumeWorld(50, 95), ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: volume-autoresize.sh [options] VOLUME=MOUNT...");
    expect(run.calls).toEqual([]);
  });

  it("rejects bad arguments with exit 2", () => {
    for (const args of [[], ["--threshold", "100", PG], ["--max-size", "20000", PG], ["--cooldown", "soon", PG], ["100234"]]) {
      const run = runScript(volumeWorld(50, 95), args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.calls).toEqual([]);
    }
  });
});
