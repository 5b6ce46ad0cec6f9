/**
 * Runs the volume-autoresize script against fakes of the Hetzner Cloud API and the server
 * (fake-world.cjs): a fresh folder per run holds the fakes, the world's state and the log of
 * every call, so a test states the world, runs the script and reads what it did.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RESIZE_SCRIPT } from "../../../src/transforms/volume-autoresize/script.js";

const FAKE = fileURLToPath(new URL("./fake-world.cjs", import.meta.url));
const NODE_TOOLS = ["curl", "ssh", "df", "lsblk", "resize2fs", "xfs_growfs"];

/** Logs a call the way fake-world.cjs does (the tests' arguments need no JSON escaping). */
const LOG = 'log() { tool="$1"; shift; args=""; for a in "$@"; do args="$args${args:+,}\\"$a\\""; done; printf \'{"tool":"%s","argv":[%s]}\\n\' "$tool" "$args" >>"$FAKE_LOG"; }';

/** The fakes that need no state of their own, in sh: links and the user are fixed for a run. */
const SHELL_TOOLS: Record<string, string> = {
  readlink: `for last; do :; done\nawk -v p="$last" '$1 == p { print $2; found = 1 } END { if (!found) print p }' "$FAKE_LINKS"`,
  id: 'if [ "$FAKE_ROOT" = 1 ]; then echo 0; else echo 1000; fi',
  sudo: `${LOG}\nlog sudo "$@"\n[ "$1" = -n ] && shift\nexec "$@"`,
  sleep: `${LOG}\nlog sleep "$@"`,
};
export const TOKEN = "hcloud-token-4f9a1c2e8b7d6a5f3e2d1c0b";
const GIB = 2 ** 30;

export interface Disk {
  device: string;
  fstype: string;
  bytes: number;
  avail: number;
  /** The id of the volume the disk is. */
  volume: number;
}

export interface Volume {
  id: number;
  name: string;
  size: number;
  linux_device: string;
  server: number | null;
}

export interface Action {
  id: number;
  command: string;
  status: "running" | "success" | "error";
  started: string;
  error?: { code: string; message: string } | null;
}

export interface World {
  token: string;
  volumes: Volume[];
  disks: Record<string, Disk>;
  links: Record<string, string>;
  actions?: Record<string, Action[]>;
  /** How Hetzner ends the next resize: success (after one poll), error, or never. */
  resize?: "success" | "error" | "running";
  api?: "unreachable";
  errors?: Record<string, { status: number; code: string; message: string }>;
  /** `METHOD path` answered 200 with an HTML page, as a proxy in the way would. */
  garbage?: string;
  ssh?: "unreachable";
  grow?: "fail" | "noop";
  root?: boolean;
}

export interface Call {
  tool: string;
  argv: string[];
  method?: string;
  path?: string;
  body?: string;
  auth?: string;
  host?: string;
  command?: string;
  target?: string;
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: Call[];
  world: World;
  summary: string;
}

/** One volume of `sizeGb`, mounted at /mnt/HC_Volume_<id>, `usedPercent` full. */
export function volumeWorld(sizeGb: number, usedPercent: number, options: { id?: number; fstype?: string; device?: string } = {}): World {
  const world: World = { token: TOKEN, volumes: [], disks: {}, links: {} };
  return addVolume(world, sizeGb, usedPercent, options);
}

export function addVolume(world: World, sizeGb: number, usedPercent: number, options: { id?: number; fstype?: string; device?: string; name?: string } = {}): World {
  const id = options.id ?? 100234;
  const device = options.device ?? `/dev/sd${String.fromCharCode(98 + world.volumes.length)}`;
  const byId = `/dev/disk/by-id/scsi-0HC_Volume_${id}`;
  const bytes = Math.floor(sizeGb * GIB * 0.98);
  world.volumes.push({ id, name: options.name ?? `data-${id}`, size: sizeGb, linux_device: byId, server: 42 });
  world.disks[`/mnt/HC_Volume_${id}`] = { device, fstype: options.fstype ?? "ext4", bytes, avail: Math.floor((bytes * (100 - usedPercent)) / 100), volume: id };
  world.links[byId] = device;
  return world;
}

export function runScript(world: World, args: string[], env: Record<string, string> = {}): ScriptRun {
  const dir = mkdtempSync(path.join(tmpdir(), "compose-gate-resize-"));
  try {
    mkdirSync(path.join(dir, "bin"));
    const tools: Record<string, string> = { ...SHELL_TOOLS };
    for (const tool of NODE_TOOLS) tools[tool] = `exec node ${JSON.stringify(FAKE)} ${tool} "$@"`;
    for (const [tool, body] of Object.entries(tools)) {
      const file = path.join(dir, "bin", tool);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
    }
    writeFileSync(path.join(dir, "links"), Object.entries(world.links).map(([link, target]) => `${link} ${target}\n`).join(""));
    const script = path.join(dir, "volume-autoresize.sh");
    writeFileSync(script, RESIZE_SCRIPT, { mode: 0o755 });
    const state = path.join(dir, "state.json");
    writeFileSync(state, JSON.stringify(world));
    writeFileSync(path.join(dir, "log"), "");
    writeFileSync(path.join(dir, "summary.md"), "");
    const run = spawnSync("bash", [script, ...args], {
      encoding: "utf8",
      env: {
        PATH: `${path.join(dir, "bin")}:${process.env.PATH}`,
        HOME: dir,
        HCLOUD_TOKEN: TOKEN,
        GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
        FAKE_STATE: state,
        FAKE_LOG: path.join(dir, "log"),
        FAKE_LINKS: path.join(dir, "links"),
        FAKE_ROOT: world.root ? "1" : "0",
        ...env,
      },
    });
    const calls = readFileSync(path.join(dir, "log"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Call);
    return {
      status: run.status,
      stdout: run.stdout,
      stderr: run.stderr,
      calls,
      world: JSON.parse(readFileSync(state, "utf8")) as World,
      summary: readFileSync(path.join(dir, "summary.md"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The API calls of a run, as `METHOD path [body]`. */
export function apiCalls(run: ScriptRun): string[] {
  return run.calls.filter((c) => c.tool === "curl").map((c) => `${c.method} ${c.path}${c.body ? ` ${c.body}` : ""}`);
}

/** The calls that change something: a resize through the API, a filesystem grown. */
export function writes(run: ScriptRun): string[] {
  return run.calls
    .filter((c) => (c.tool === "curl" && c.method !== "GET") || c.tool === "resize2fs" || c.tool === "xfs_growfs")
    .map((c) => (c.tool === "curl" ? `${c.method} ${c.path} ${c.body}` : `${c.tool} ${c.target}`));
}
