/**
 * `compose-gate transform` end to end: the built CLI (with the test transforms of
 * fixtures/test-registry.mjs) run in temp folders, checking output streams, exit codes,
 * writes, patches and that secret values never reach stdout or stderr.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CANARIES, expectNoCanary, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";

const transform = (cwd: string, ...args: string[]) => run(["transform", ...args], { cwd });

describe("compose-gate transform: output", () => {
  it("prints the masked diff on stdout and the findings on stderr, and exits 0", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("diff --git a/compose.yml b/compose.yml");
    expect(r.stdout).toContain("-      POSTGRES_PASSWORD: ****");
    expect(r.stdout).toContain("+      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}");
    expect(r.stdout).toContain("new file mode 100755");
    expect(r.stderr).toMatch(/change\s+test-move-secrets\s+6:7\s+db: POSTGRES_PASSWORD is now read from the environment/);
    expect(r.stderr).toMatch(/manual\s+test-move-secrets\s+-\s+Set POSTGRES_PASSWORD, API_TOKEN/);
    // compose.yml, the script and GATE.md (the gate checklist recording the manual step)
    expect(r.stderr).toContain("3 files would change");
    expect(r.stdout).toContain("diff --git a/GATE.md b/GATE.md");
    expect(r.stdout).not.toContain("\u001b[");
    expectNoCanary(r.stdout, r.stderr);
    expect(read(dir, "compose.yml")).toBe(STACK);
  });

  it("colours only when asked: --color forces it, NO_COLOR and pipes turn it off", () => {
    const dir = workspace({ "compose.yml": STACK });
    expect(run(["transform", "compose.yml", "--color"], { cwd: dir }).stdout).toContain("\u001b[");
    expect(run(["transform", "compose.yml"], { cwd: dir, env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(run(["transform", "compose.yml"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).toContain("\u001b[");
    expect(run(["transform", "compose.yml", "--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });

  it("--quiet prints nothing when all goes well", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml", "--quiet");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("reports a stack with nothing to change", () => {
    const dir = workspace({ "compose.yml": "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n" });
    const r = transform(dir, "compose.yml");
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(r.stderr).toContain("nothing to change (1 stack checked)");
  });
});

describe("compose-gate transform: --check, --write, --patch", () => {
  it("--check exits 1 while changes are pending, --write applies them, then --check exits 0", () => {
    const dir = workspace({ "compose.yml": STACK });
    expect(transform(dir, "compose.yml", "--check").code).toBe(1);
    expect(read(dir, "compose.yml")).toBe(STACK);
    const written = transform(dir, "compose.yml", "--write");
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("wrote 3 files");
    expectNoCanary(written.stdout, written.stderr, read(dir, "compose.yml"), read(dir, "scripts/check-secrets.sh"), read(dir, "GATE.md"));
    expect(read(dir, "compose.yml")).toContain("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}");
    const again = transform(dir, "compose.yml", "--check");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
  });

  it("--write keeps the file's mode, creates extra files with theirs and leaves no temp files", () => {
    const dir = workspace({ "compose.yml": STACK });
    chmodSync(path.join(dir, "compose.yml"), 0o640);
    expect(transform(dir, "compose.yml", "--write").code).toBe(0);
    expect(statSync(path.join(dir, "compose.yml")).mode & 0o777).toBe(0o640);
    expect(statSync(path.join(dir, "scripts/check-secrets.sh")).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir).filter((f) => f.startsWith(".compose-gate-"))).toEqual([]);
  });

  it("never overwrites an extra file the user changed; it reports it instead", () => {
    const dir = workspace({ "compose.yml": STACK, "scripts/check-secrets.sh": "#!/bin/sh\n# mine\n" });
    const r = transform(dir, "compose.yml", "--write");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/refused\s+compose-gate\s+-\s+scripts\/check-secrets.sh already exists and differs/);
    expect(read(dir, "scripts/check-secrets.sh")).toBe("#!/bin/sh\n# mine\n");
  });

  it("--write and --check together are a usage error", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml", "--write", "--check");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--write and --check exclude each other");
    expect(read(dir, "compose.yml")).toBe(STACK);
  });

  it("--patch writes an unmasked patch that git apply accepts on a copy of the original", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml", "--patch", "gate.patch");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("patch written to gate.patch; it is NOT masked and contains 2 secret values");
    expectNoCanary(r.stdout, r.stderr);
    const patch = read(dir, "gate.patch");
    for (const canary of CANARIES) expect(patch).toContain(canary);

    const copy = workspace({ "compose.yml": STACK });
    copyFileSync(path.join(dir, "gate.patch"), path.join(copy, "gate.patch"));
    const applied = spawnSync("git", ["apply", "gate.patch"], { cwd: copy, encoding: "utf8" });
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(transform(copy, "compose.yml", "--check").code).toBe(0);
    expect(statSync(path.join(copy, "scripts/check-secrets.sh")).mode & 0o111).not.toBe(0);
  });

  it("--patch creates a file two stacks of one folder both generate only once", () => {
    const dir = workspace({ "docker-compose.a.yml": STACK, "docker-compose.b.yml": STACK });
    const r = transform(dir, "docker-compose.a.yml", "docker-compose.b.yml", "--patch", "gate.patch");
    expect(r.code).toBe(0);
    expect(read(dir, "gate.patch").match(/^diff --git a\/scripts\/check-secrets.sh/gm)).toHaveLength(1);
    const copy = workspace({ "docker-compose.a.yml": STACK, "docker-compose.b.yml": STACK });
    copyFileSync(path.join(dir, "gate.patch"), path.join(copy, "gate.patch"));
    expect(spawnSync("git", ["apply", "gate.patch"], { cwd: copy, encoding: "utf8" }).status).toBe(0);
  });

  it("--patch is not written when an input could not be processed", () => {
    const dir = workspace({ "compose.yml": STACK, "bad.yml": "services: [\n" });
    const r = transform(dir, "compose.yml", "bad.yml", "--patch", "gate.patch");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--patch: gate.patch not written, because some inputs could not be processed");
    expect(existsSync(path.join(dir, "gate.patch"))).toBe(false);
  });

  it("--patch with nothing to change writes an empty patch", () => {
    const dir = workspace({ "compose.yml": "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n" });
    const r = transform(dir, "compose.yml", "--patch", "gate.patch");
    expect(r.code).toBe(0);
    expect(read(dir, "gate.patch")).toBe("");
  });

  it("the output passes `docker stack config` when the input did", () => {
    const docker = spawnSync("docker", ["--version"], { encoding: "utf8" });
    if (docker.status !== 0) {
      console.warn("[compose-gate tests] docker CLI not found: docker stack config check skipped");
      return;
    }
    const dir = workspace({ "compose.yml": STACK });
    const validate = () => spawnSync("docker", ["stack", "config", "-c", "compose.yml"], { cwd: dir, encoding: "utf8", env: { ...process.env, POSTGRES_PASSWORD: "x", API_TOKEN: "y" } });
    expect(validate().status).toBe(0);
    expect(transform(dir, "compose.yml", "--write").code).toBe(0);
    const after = validate();
    expect(after.stderr).toBe("");
    expect(after.status).toBe(0);
  });
});

describe("compose-gate transform: which files", () => {
  it("-f base -f prod is one project: only the last file is edited unless --edit says more", () => {
    const base = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: canary-SECRET-1234\n";
    const prod = "services:\n  db:\n    deploy:\n      replicas: 1\n";
    const dir = workspace({ "base.yml": base, "prod.yml": prod });
    const r = transform(dir, "-f", "base.yml", "-f", "prod.yml", "--write");
    expect(r.code).toBe(0);
    expect(read(dir, "base.yml")).toBe(base);
    expect(read(dir, "prod.yml")).toContain("restart_policy:");
    const both = transform(dir, "-f", "base.yml", "-f", "prod.yml", "--edit", "base.yml", "--edit", "prod.yml", "--write");
    expect(both.code).toBe(0);
    expect(read(dir, "base.yml")).toContain("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}");
    expectNoCanary(r.stdout, r.stderr, both.stdout, both.stderr);
  });

  it("--edit must name one of the -f files", () => {
    const dir = workspace({ "base.yml": STACK, "prod.yml": "services: {}\n" });
    const r = transform(dir, "-f", "base.yml", "-f", "prod.yml", "--edit", "other.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--edit other.yml: not one of the -f files (base.yml, prod.yml)");
  });

  it("searches a directory below it, skipping node_modules, dot-folders and link loops: one stack per folder's production file", () => {
    const dir = workspace({
      "deploy/a/docker-compose.yml": STACK,
      "deploy/b/compose.yaml": STACK,
      "deploy/b/compose.override.yaml": STACK,
      "deploy/node_modules/pkg/compose.yml": STACK,
      "deploy/.cache/compose.yml": STACK,
      "deploy/notes.yml": STACK,
    });
    symlinkSync("..", path.join(dir, "deploy/b/loop"));
    const r = transform(dir, "deploy");
    expect(r.code).toBe(0);
    const diffs = r.stdout.match(/^diff --git a\/\S+/gm) ?? [];
    expect(diffs).toEqual([
      "diff --git a/deploy/a/docker-compose.yml",
      "diff --git a/deploy/a/scripts/check-secrets.sh",
      "diff --git a/deploy/b/compose.yaml",
      "diff --git a/deploy/b/scripts/check-secrets.sh",
      "diff --git a/deploy/a/GATE.md",
      "diff --git a/deploy/b/GATE.md",
    ]);
  });

  it("a glob is a search too: its files get roles from their names", () => {
    const dir = workspace({ "stacks/a/compose.yml": STACK, "stacks/b/compose.yml": STACK, "stacks/b/compose.dev.yml": STACK, "stacks/c.txt": STACK });
    const r = transform(dir, "stacks/*/*.yml");
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^diff --git a\/stacks\/[ab]\/compose\.yml/gm)).toHaveLength(2);
    expect(r.stdout).not.toContain("compose.dev.yml");
  });

  it("a directory without compose files is exit 2, and the other inputs are still processed", () => {
    const dir = workspace({ "empty/readme.md": "x", "compose.yml": STACK });
    const r = transform(dir, "empty", "compose.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("empty: no compose files in this directory");
    expect(r.stdout).toContain("diff --git a/compose.yml b/compose.yml");
    expectNoStackTrace(r.stderr);
  });

  it("takes number-like paths as typed", () => {
    const dir = workspace({ "007/compose.yml": STACK });
    const r = transform(dir, "007");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("diff --git a/007/compose.yml");
  });

  it("a missing file is exit 2 naming it", () => {
    const dir = workspace({});
    const r = transform(dir, "nope.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.yml: no such file or directory");
  });

  it("without paths it searches the working directory and uses the file named for production, never the plain one beside it", () => {
    const dir = workspace({ "docker-compose.yml": STACK, "docker-compose.prod.yml": STACK });
    const r = transform(dir, "--write");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^ {2}docker-compose\.yml +other +not production: docker-compose\.prod\.yml is named for production/m);
    expect(read(dir, "docker-compose.yml")).toBe(STACK);
    expect(read(dir, "docker-compose.prod.yml")).not.toBe(STACK);
  });

  it("without paths it uses the config's files, relative to the config", () => {
    const dir = workspace({
      "compose-gate.config.json": JSON.stringify({ files: ["deploy/prod.yml"] }),
      "deploy/prod.yml": STACK,
      "deploy/dev.yml": STACK,
      "sub/.keep": "",
      ".git/HEAD": "",
    });
    const r = run(["transform"], { cwd: path.join(dir, "sub") });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("diff --git a/../deploy/prod.yml b/../deploy/prod.yml");
    expect(r.stdout).not.toContain("dev.yml");
  });
});

describe("compose-gate transform: inputs it refuses (exit 2, nothing changed)", () => {
  it("bad YAML names file:line:col, and the good file is still processed", () => {
    const dir = workspace({ "a/compose.yml": "services:\n  web:\n    image: [nginx\n", "b/compose.yml": STACK });
    const r = transform(dir, "a/compose.yml", "b/compose.yml", "--write");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error a\/compose\.yml:\d+:\d+: /);
    expect(read(dir, "b/compose.yml")).toContain("${POSTGRES_PASSWORD}");
    expectNoStackTrace(r.stderr);
  });

  it("refuses non-UTF-8, binary, UTF-16 and huge files with a clear message", () => {
    const dir = workspace({
      "latin1.yml": Buffer.concat([Buffer.from("services:\n  web:\n    image: nginx # caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
      "binary.yml": Buffer.from([0x73, 0x3a, 0x00, 0x01]),
      "utf16.yml": Buffer.from("\ufeffservices: {}\n", "utf16le"),
      "huge.yml": Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    const r = transform(dir, "latin1.yml", "binary.yml", "utf16.yml", "huge.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("latin1.yml:3:23: is not valid UTF-8 (byte 0xE9)");
    expect(r.stderr).toContain("binary.yml:1:3: is a binary file (NUL byte)");
    expect(r.stderr).toContain("utf16.yml: is UTF-16 encoded");
    expect(r.stderr).toContain("huge.yml: is larger than 2 MB (10485761 bytes); compose-gate reads files up to 2 MB");
    expectNoStackTrace(r.stderr);
  });

  it("unknown transform ids and presets are exit 2 listing the known ones", () => {
    const dir = workspace({ "compose.yml": STACK });
    const only = transform(dir, "compose.yml", "--only", "test-move-secret");
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('unknown transform id "test-move-secret" (did you mean test-move-secrets?); known: test-move-secrets, test-restart-policy, test-broken');
    const preset = transform(dir, "compose.yml", "--preset", "nope");
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain('unknown preset "nope"');
    expectNoStackTrace(only.stderr + preset.stderr);
  });

  it("an unknown option is exit 2 with a suggestion", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml", "--wirte");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option `--wirte` (did you mean --write?)");
    expect(read(dir, "compose.yml")).toBe(STACK);
  });

  it("a transform that throws fails its own stack as an internal error; other stacks still run", () => {
    const dir = workspace({ "a.yml": STACK });
    const r = transform(dir, "a.yml", "--only", "test-broken,test-restart-policy");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("internal error (this is a bug in compose-gate");
    expect(r.stderr).toContain("TypeError: boom");
  });
});

describe("compose-gate transform: options", () => {
  it("--set passes a validated option to a transform", () => {
    const dir = workspace({ "compose.yml": STACK });
    const r = transform(dir, "compose.yml", "--only", "test-move-secrets", "--set", "test-move-secrets.style=plain", "--set", "test-move-secrets.script=false");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+      POSTGRES_PASSWORD: $POSTGRES_PASSWORD");
    expect(r.stdout).not.toContain("check-secrets.sh");
  });

  it("--set errors name the key and the allowed keys or values, and never echo the value", () => {
    const dir = workspace({ "compose.yml": STACK });
    const key = transform(dir, "compose.yml", "--set", "test-move-secrets.stlye=plain");
    expect(key.code).toBe(2);
    expect(key.stderr).toContain("test-move-secrets.stlye: unknown key (allowed: style, script)");
    const value = transform(dir, "compose.yml", "--set", "test-move-secrets.style=canary-SECRET-1234");
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('test-move-secrets.style: Invalid option: expected one of "braces"|"plain"');
    expectNoCanary(value.stderr);
    const id = transform(dir, "compose.yml", "--set", "nope.style=plain");
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('unknown transform id "nope" in --set nope.style');
    const format = transform(dir, "compose.yml", "--set", "style");
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--set style: expected <transform>.<option>=<value>");
  });

  it("reads options, preset and skip from the config file", () => {
    const dir = workspace({
      "compose.yml": STACK,
      "compose-gate.config.yaml": "preset: secrets\ntransforms:\n  test-move-secrets:\n    style: plain\n",
    });
    const r = transform(dir, "compose.yml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+      POSTGRES_PASSWORD: $POSTGRES_PASSWORD");
    expect(r.stdout).not.toMatch(/^\+.*restart_policy/m);
  });

  it("an invalid config is exit 2 naming the file, line, key and allowed values", () => {
    const dir = workspace({ "compose.yml": STACK, "compose-gate.config.yaml": "check:\n  failon: error\n" });
    const r = transform(dir, "compose.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("compose-gate.config.yaml:2:3: check.failon: unknown key (allowed: failOn, format, rules, suppressions)");
    expectNoStackTrace(r.stderr);
  });

  it("an unknown transform id in the config is exit 2", () => {
    const dir = workspace({ "compose.yml": STACK, "compose-gate.config.json": JSON.stringify({ transforms: { "test-mov-secrets": {} } }) });
    const r = transform(dir, "compose.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown transform id "test-mov-secrets" in compose-gate.config.json (transforms.test-mov-secrets) (did you mean test-move-secrets?)');
  });
});

describe("compose-gate transform: symbolic links", () => {
  it("processes a file named through a symlink by writing the target, keeping the link", () => {
    const dir = workspace({ "real/compose.yml": STACK });
    mkdirSync(path.join(dir, "deploy"));
    symlinkSync("../real/compose.yml", path.join(dir, "deploy/compose.yml"));
    expect(transform(dir, "deploy/compose.yml", "--only", "test-restart-policy", "--write").code).toBe(0);
    expect(read(dir, "real/compose.yml")).toContain("restart_policy");
    expect(lstatSync(path.join(dir, "deploy/compose.yml")).isSymbolicLink()).toBe(true);
  });
});
