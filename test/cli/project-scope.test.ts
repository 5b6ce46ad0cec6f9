/**
 * What compose-gate may run, read and write (issue #19 items 1 and 2): an `.mjs` config runs
 * only when nobody else could have written it, the config search stops at the repository root,
 * and compose files, generated files and codemod sources must resolve inside the project root
 * unless `--allow-outside` is given. Tests run as root, so "someone else" is uid 65534 (nobody).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";
import { repoRoot } from "../_utils.js";
import { BIN, expectNoStackTrace, read, run, STACK, workspace } from "./helpers.js";

const NOBODY = 65534;
/** A config that leaves a mark when it runs: the tests assert it never ran. */
const MARKING_CONFIG = (marker: string) => `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default {};\n`;

async function configError(cwd: string): Promise<string> {
  try {
    await loadConfig(cwd);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("an .mjs config runs only when nobody else could have written it", () => {
  it("owned by another user: refused, and its code does not run", async () => {
    const dir = workspace({ ".git/HEAD": "" });
    const marker = path.join(dir, "ran.txt");
    writeFileSync(path.join(dir, "compose-gate.config.mjs"), MARKING_CONFIG(marker));
    chownSync(path.join(dir, "compose-gate.config.mjs"), NOBODY, NOBODY);
    const message = await configError(dir);
    expect(message).toContain(`compose-gate.config.mjs: not loaded: an .mjs config runs as code, and this one is owned by uid ${NOBODY}, neither you (uid 0) nor root`);
    expect(message).toContain("or use compose-gate.config.yaml");
    expect(existsSync(marker)).toBe(false);
  });

  it("writable by anyone or by its group: refused", async () => {
    for (const [mode, says] of [
      [0o666, "can be written by anyone (mode 666)"],
      [0o664, "can be written by its group (mode 664)"],
    ] as const) {
      const dir = workspace({ ".git/HEAD": "", "compose-gate.config.mjs": "export default {};\n" });
      chmodSync(path.join(dir, "compose-gate.config.mjs"), mode);
      expect(await configError(dir)).toContain(says);
    }
  });

  it("in a folder anyone can write, or linked to a file someone else owns: refused", async () => {
    const dir = workspace({ "shared/.git/HEAD": "", "shared/compose-gate.config.mjs": "export default {};\n" });
    chmodSync(path.join(dir, "shared"), 0o777);
    expect(await configError(path.join(dir, "shared"))).toContain(`is in a folder (${path.join(dir, "shared")}) that can be written by anyone (mode 777)`);

    const linked = workspace({ ".git/HEAD": "", "elsewhere/config.mjs": "export default {};\n" });
    chownSync(path.join(linked, "elsewhere/config.mjs"), NOBODY, NOBODY);
    symlinkSync(path.join(linked, "elsewhere/config.mjs"), path.join(linked, "compose-gate.config.mjs"));
    expect(await configError(linked)).toContain(`is owned by uid ${NOBODY}, neither you (uid 0) nor root (it links to ${path.join(linked, "elsewhere/config.mjs")})`);
  });

  it("the issue's case: a 0666 config owned by nobody in a world-writable parent is never run by check", () => {
    const dir = workspace({ "outer/repo/compose.yml": STACK, "outer/repo/.git/HEAD": "" });
    const outer = path.join(dir, "outer");
    const marker = path.join(dir, "ran.txt");
    writeFileSync(path.join(outer, "compose-gate.config.mjs"), MARKING_CONFIG(marker));
    chownSync(path.join(outer, "compose-gate.config.mjs"), NOBODY, NOBODY);
    chmodSync(path.join(outer, "compose-gate.config.mjs"), 0o666);
    chmodSync(outer, 0o777);
    // Above the repository root: not searched at all.
    const inRepo = run(["check", "compose.yml"], { cwd: path.join(outer, "repo") });
    expect(inRepo.code, inRepo.stderr).toBe(1);
    expect(inRepo.stderr).not.toContain("config:");
    // Found in the working directory itself (no repository): refused, exit 2.
    const there = run(["check", "repo/compose.yml"], { cwd: outer });
    expect(there.code).toBe(2);
    expect(there.stderr).toContain("compose-gate.config.mjs: not loaded: an .mjs config runs as code");
    expectNoStackTrace(there.stderr);
    expect(existsSync(marker)).toBe(false);
  });

  it("its own config, 0644 in a private folder, is loaded", async () => {
    const dir = workspace({ ".git/HEAD": "", "compose-gate.config.mjs": 'export default { only: ["a"] };\n' });
    expect((await loadConfig(dir)).config).toEqual({ only: ["a"] });
  });
});

describe("the config search stops at the repository root", () => {
  it("a config above the folder holding .git is not used", async () => {
    const dir = workspace({ "compose-gate.config.yaml": "skip: [x]\n", "repo/.git/HEAD": "", "repo/app/.keep": "" });
    expect((await loadConfig(path.join(dir, "repo/app"))).file).toBeNull();
  });

  it("a worktree's .git file marks the root too", async () => {
    const dir = workspace({ "compose-gate.config.yaml": "skip: [x]\n", "wt/.git": "gitdir: /elsewhere\n", "wt/app/.keep": "" });
    expect((await loadConfig(path.join(dir, "wt/app"))).file).toBeNull();
  });

  it("outside a repository only the working directory is searched", async () => {
    const dir = workspace({ "compose-gate.config.yaml": "skip: [x]\n", "app/.keep": "" });
    expect((await loadConfig(path.join(dir, "app"))).file).toBeNull();
    expect((await loadConfig(dir)).file).toBe(path.join(dir, "compose-gate.config.yaml"));
  });

  it("the CLI says which config it loaded, on stderr", () => {
    const dir = workspace({ ".git/HEAD": "", "compose-gate.config.yaml": "skip: [test-broken]\n", "deploy/compose.yml": STACK });
    const r = run(["transform", "compose.yml"], { cwd: path.join(dir, "deploy") });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split("\n")[0]).toBe("config: ../compose-gate.config.yaml");
    expect(r.stdout).not.toContain("config:");
  });
});

describe("compose files and generated files stay inside the project", () => {
  /** A file outside the project (another throwaway folder) whose content must never be printed. */
  function outsideFile(): string {
    const other = workspace({ "secret.txt": "root:$6$canary-SHADOW-4321:19000:0:99999:7:::\nnot: [yaml\n" });
    return path.join(other, "secret.txt");
  }

  it("a compose file linked out of the project is refused by check and transform, and not quoted", () => {
    const target = outsideFile();
    const dir = workspace({ ".git/HEAD": "" });
    symlinkSync(target, path.join(dir, "docker-compose.yml"));
    for (const args of [["check", "docker-compose.yml"], ["check", "docker-compose.yml", "--format", "sarif"], ["transform", "docker-compose.yml", "--write"]]) {
      const r = run(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`docker-compose.yml: is outside the project (${dir}) (it links to ${target}); not read. Pass --allow-outside to use it`);
      expect(r.stdout + r.stderr).not.toContain("canary-SHADOW");
    }
    // Opting in reads it (and reports its YAML error, as for any file).
    const allowed = run(["check", "docker-compose.yml", "--allow-outside"], { cwd: dir });
    expect(allowed.code).toBe(2);
    expect(allowed.stderr).toContain("docker-compose.yml:");
    expect(allowed.stderr).not.toContain("outside the project");
  });

  it("-f files, folders and the config's files are held to the same rule", () => {
    const outside = workspace({ "compose.yml": STACK });
    const dir = workspace({ ".git/HEAD": "", "compose-gate.config.json": JSON.stringify({ files: [path.join(outside, "compose.yml")] }) });
    symlinkSync(outside, path.join(dir, "deploy"));
    const byConfig = run(["check"], { cwd: dir });
    expect(byConfig.code).toBe(2);
    expect(byConfig.stderr).toContain("is outside the project");
    const byFolder = run(["check", "deploy"], { cwd: dir });
    expect(byFolder.code).toBe(2);
    expect(byFolder.stderr).toContain(`deploy/compose.yml: is outside the project (${dir}) (it links to ${path.join(outside, "compose.yml")})`);
    const byFlag = run(["check", "-f", "deploy/compose.yml"], { cwd: dir });
    expect(byFlag.code).toBe(2);
    expect(run(["check", "deploy", "--allow-outside"], { cwd: dir }).code).toBe(1);
  });

  it("--allow-outside is a flag wherever it stands: the path after it is still a path", () => {
    const outside = workspace({ "compose.yml": STACK });
    const dir = workspace({ ".git/HEAD": "", "docker-compose.dev.yml": "services:\n  web:\n    image: nginx:1.27\n" });
    const file = path.join(outside, "compose.yml");
    const before = run(["check", "--allow-outside", file, "--format", "json"], { cwd: dir });
    const after = run(["check", file, "--allow-outside", "--format", "json"], { cwd: dir });
    expect(before.code, before.stderr).toBe(1);
    expect(before.stdout).toBe(after.stdout);
    expect(before.stdout).toContain(`"file": "${path.relative(dir, file)}"`);
    expect(run(["transform", "--allow-outside", "--check", file], { cwd: dir }).code).toBe(1);
  });

  it("a linked scripts/ folder does not receive generated files; nothing of the stack is written", () => {
    const outside = workspace({});
    const dir = workspace({ ".git/HEAD": "", "compose.yml": STACK });
    symlinkSync(outside, path.join(dir, "scripts"));
    const r = run(["transform", "compose.yml", "--write", "--only", "test-move-secrets"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`scripts/check-secrets.sh: would be written outside the project (${dir}), at ${path.join(outside, "check-secrets.sh")}, through a link; nothing was written. Pass --allow-outside to write there`);
    expect(readdirSync(outside)).toEqual([]);
    expect(read(dir, "compose.yml")).toBe(STACK);
    const allowed = run(["transform", "compose.yml", "--write", "--only", "test-move-secrets", "--allow-outside"], { cwd: dir });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readdirSync(outside)).toEqual(["check-secrets.sh"]);
  });

  it("codemod: a source linked out of the project is not read, and nothing is written", () => {
    const outside = workspace({ "app.ts": "export const key = process.env.STRIPE_KEY;\n" });
    const dir = workspace({ ".git/HEAD": "", "src/main.ts": "export const k = process.env.STRIPE_KEY;\n" });
    symlinkSync(path.join(outside, "app.ts"), path.join(dir, "src/app.ts"));
    const r = run(["codemod", "secrets", "--vars", "STRIPE_KEY", "--src", "src/app.ts,src/main.ts", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`src/app.ts: links to ${path.join(outside, "app.ts")}, outside the project (${dir}); not read. Pass --allow-outside to rewrite it`);
    expect(readFileSync(path.join(outside, "app.ts"), "utf8")).toBe("export const key = process.env.STRIPE_KEY;\n");
    expect(read(dir, "src/main.ts")).toBe("export const k = process.env.STRIPE_KEY;\n");
  });

  it("the project root is the working directory outside a repository", () => {
    const dir = workspace({ "app/compose.yml": STACK, "other/compose.yml": STACK });
    mkdirSync(path.join(dir, "app/sub"));
    const r = run(["check", "../other/compose.yml"], { cwd: path.join(dir, "app") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`../other/compose.yml: is outside the project (${path.join(dir, "app")}); not read`);
  });
});

describe("the gate checklist stays inside the project", () => {
  /** A stack the real preset leaves manual steps on, so it gets a checklist. */
  const GATED = readFileSync(path.join(repoRoot, "test/golden/observability/grafana-plain-password/input/compose.yml"), "utf8");
  const PRIVATE = "line1\nAWS_SECRET=cnry-gate-outside-77\nlast\n";
  const cli = (dir: string, ...args: string[]) => run(args, { cwd: dir, cli: BIN });

  it("a GATE.md linked to a file outside is neither shown nor written", () => {
    const outside = workspace({ "private.txt": PRIVATE });
    const dir = workspace({ ".git/HEAD": "", "compose.yml": GATED });
    symlinkSync(path.join(outside, "private.txt"), path.join(dir, "GATE.md"));
    for (const args of [["transform", "compose.yml"], ["transform", "compose.yml", "--write"], ["check", "compose.yml", "--format", "markdown"]]) {
      const r = cli(dir, ...args);
      expectNoStackTrace(r.stderr);
      expect(r.stdout + r.stderr, args.join(" ")).not.toContain("cnry-gate-outside");
    }
    expect(readFileSync(path.join(outside, "private.txt"), "utf8")).toBe(PRIVATE);
    const r = cli(dir, "transform", "compose.yml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GATE.md: the gate checklist is outside the project");
  });

  it("--checklist ../elsewhere.md is refused, and created nowhere", () => {
    const parent = workspace({});
    const dir = path.join(parent, "repo");
    mkdirSync(path.join(dir, ".git"), { recursive: true });
    writeFileSync(path.join(dir, "compose.yml"), GATED);
    const r = cli(dir, "transform", "compose.yml", "--checklist", "../escaped.md", "--write");
    expect(r.code).toBe(2);
    expect(existsSync(path.join(parent, "escaped.md"))).toBe(false);
  });

  it("--patch through a linked folder cannot replace the checklist", () => {
    const dir = workspace({ ".git/HEAD": "", "real/compose.yml": GATED });
    symlinkSync(path.join(dir, "real"), path.join(dir, "lnk"));
    const r = cli(dir, "transform", "lnk/compose.yml", "--patch", "real/GATE.md", "--write");
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, "real/GATE.md"))).toBe(false);
  });
});

describe("--allow-outside spellings and one message per file", () => {
  it("--allow-outside=true and =false are read as the flag is", () => {
    const outside = workspace({ "compose.yml": STACK });
    const dir = workspace({ ".git/HEAD": "" });
    const file = path.join(outside, "compose.yml");
    expect(run(["check", "--allow-outside=true", file], { cwd: dir }).code).toBe(1);
    const refused = run(["check", "--allow-outside=false", file], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is outside the project");
  });

  it("an observability file outside the project, named twice, is reported once", () => {
    const outside = workspace({ "docker-compose.observability.yml": "services:\n  grafana:\n    image: grafana/grafana:11.4.0\n" });
    const dir = workspace({ ".git/HEAD": "" });
    const file = path.join(outside, "docker-compose.observability.yml");
    const r = run(["check", file, file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/is outside the project/g)).toHaveLength(1);
  });
});
