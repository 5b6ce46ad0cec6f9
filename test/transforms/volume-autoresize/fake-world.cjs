// The world the volume-autoresize script sees in its tests: one program that plays `curl`
// (the Hetzner Cloud API), `ssh` (the server), and on the server `df`, `lsblk`, `resize2fs`
// and `xfs_growfs`. Each is a wrapper that runs `node fake-world.cjs <tool> <args…>`; the
// tools that need no state of their own (`readlink`, `sudo`, `id`, `sleep`) are small shell
// fakes written by world.ts, as a node start per call is what the tests wait for. The state lives in
// $FAKE_STATE (JSON, rewritten as the script changes the world), every call is appended to
// $FAKE_LOG (one JSON line each), so a test asserts what was called, with which arguments.
"use strict";
const { readFileSync, writeFileSync, appendFileSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const [tool, ...argv] = process.argv.slice(2);
const stateFile = process.env.FAKE_STATE;
const state = JSON.parse(readFileSync(stateFile, "utf8"));
const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));
const log = (entry) => appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool, argv, ...entry }) + "\n");
const GIB = 2 ** 30;
/** A filesystem fills a little less than its disk (ext4 metadata, journal). */
const fsBytes = (sizeGb) => Math.floor(sizeGb * GIB * 0.98);

function flag(name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function curl() {
  const stdin = argv.includes("-") || argv.includes("--config") ? readFileSync(0, "utf8") : "";
  const auth = /header = "Authorization: Bearer ([^"]*)"/.exec(stdin)?.[1];
  const method = flag("--request") ?? "GET";
  const url = argv[argv.length - 1];
  const path = url.replace("https://api.hetzner.cloud/v1", "");
  const body = flag("--data");
  log({ method, path, body, auth });
  if (state.api === "unreachable") {
    process.stderr.write("curl: (6) Could not resolve host: api.hetzner.cloud\n");
    process.exit(6);
  }
  const [status, response] = state.garbage === `${method} ${path}` ? [200, "<html>Bad gateway</html>"] : answer(method, path, body, auth);
  save();
  writeFileSync(flag("--output"), typeof response === "string" ? response : JSON.stringify(response));
  process.stdout.write(String(status));
}

const apiError = (status, code, message) => [status, { error: { code, message } }];

function answer(method, path, body, auth) {
  if (auth !== state.token) return apiError(401, "unauthorized", "unable to authenticate");
  const forced = state.errors?.[`${method} ${path.split("?")[0]}`];
  if (forced) return apiError(forced.status, forced.code, forced.message);
  const volume = (id) => state.volumes.find((v) => String(v.id) === String(id));
  let m;
  if (method === "GET" && (m = /^\/volumes\/(\d+)$/.exec(path))) {
    return volume(m[1]) ? [200, { volume: volume(m[1]) }] : apiError(404, "not_found", "volume not found");
  }
  if (method === "GET" && (m = /^\/volumes\?name=(.+)$/.exec(path))) {
    return [200, { volumes: state.volumes.filter((v) => v.name === m[1]) }];
  }
  if (method === "GET" && (m = /^\/volumes\/(\d+)\/actions\?(.*)$/.exec(path))) {
    const actions = [...(state.actions?.[m[1]] ?? [])].sort((a, b) => b.started.localeCompare(a.started));
    return [200, { actions }];
  }
  if (method === "POST" && (m = /^\/volumes\/(\d+)\/actions\/resize$/.exec(path))) {
    const v = volume(m[1]);
    const size = JSON.parse(body).size;
    if (size <= v.size) return apiError(422, "invalid_input", "size must be greater than current size");
    const action = { id: 9001, command: "resize_volume", status: "running", progress: 0, started: new Date().toISOString(), finished: null, error: null, resources: [{ id: v.id, type: "volume" }] };
    state.pending = { volume: v.id, size, outcome: state.resize ?? "success", polls: 0 };
    state.actions = { ...state.actions, [v.id]: [...(state.actions?.[v.id] ?? []), action] };
    return [201, { action }];
  }
  if (method === "GET" && (m = /^\/actions\/(\d+)$/.exec(path))) {
    const p = state.pending;
    const action = state.actions[p.volume].find((a) => String(a.id) === m[1]);
    p.polls += 1;
    if (p.outcome === "success" && p.polls >= 2) {
      action.status = "success";
      volume(p.volume).size = p.size;
    } else if (p.outcome === "error") {
      action.status = "error";
      action.error = { code: "action_failed", message: "Action failed" };
    }
    return [200, { action }];
  }
  return apiError(404, "not_found", `no fake for ${method} ${path}`);
}

function ssh() {
  const args = [...argv];
  while (args[0] === "-o") args.splice(0, 2);
  const [host, command] = args;
  log({ host, command });
  if (state.ssh === "unreachable") {
    process.stderr.write(`ssh: connect to host ${host} port 22: Connection refused\n`);
    process.exit(255);
  }
  // sshd hands the command to the user's shell on the server, where the fakes are the tools.
  const run = spawnSync("sh", ["-c", command], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

function df() {
  const target = argv[argv.length - 1];
  log({ target });
  const disk = state.disks[target];
  const header = "Filesystem     Type     1-B-blocks         Used    Available Capacity Mounted on";
  if (!disk) {
    // A folder on the root disk: df names the filesystem it lies on.
    console.log(`${header}\n/dev/sda1 ext4 40000000000 30000000000 10000000000 75% /`);
    return;
  }
  const used = disk.bytes - disk.avail;
  console.log(`${header}\n${disk.device} ${disk.fstype} ${disk.bytes} ${used} ${disk.avail} ${Math.ceil((used * 100) / disk.bytes)}% ${target}`);
}

/** The size of the volume's disk, as the kernel sees it once Hetzner has grown it. */
function lsblk() {
  const id = /scsi-0HC_Volume_(\d+)$/.exec(argv[argv.length - 1])?.[1];
  const volume = state.volumes.find((v) => String(v.id) === id);
  if (!volume) {
    process.stderr.write(`lsblk: ${argv[argv.length - 1]}: not a block device\n`);
    process.exit(32);
  }
  console.log(String(volume.size * GIB).padStart(12));
}

function grow() {
  const target = argv[argv.length - 1];
  log({ target });
  if (state.grow === "fail") {
    process.stderr.write(`${tool}: Permission denied to resize filesystem\n`);
    process.exit(1);
  }
  const entry = Object.entries(state.disks).find(([mount, d]) => (tool === "xfs_growfs" ? mount === target : state.links[target] === d.device));
  if (!entry) {
    process.stderr.write(`${tool}: ${target}: no such filesystem\n`);
    process.exit(1);
  }
  const disk = entry[1];
  if (state.grow !== "noop") {
    const bytes = fsBytes(state.volumes.find((v) => v.id === disk.volume).size);
    disk.avail += bytes - disk.bytes;
    disk.bytes = bytes;
  }
  save();
  console.log(`${tool}: the filesystem is now ${disk.bytes} bytes`);
}

const tools = {
  curl,
  ssh,
  df,
  lsblk,
  resize2fs: grow,
  xfs_growfs: grow,
};
// Only the tools that change the world save it: `ssh` runs others that do.
tools[tool]();
