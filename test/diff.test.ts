import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  colorize,
  diffStats,
  lineEdits,
  renderPatch,
  splitLines,
  unifiedDiff,
  type DiffOptions,
  type FileChange,
} from "../src/diff/index.js";
import { secretMasker } from "../src/secrets/mask.js";

/*
 * Every patch is checked by the real consumer: `git apply --check` then `git apply` in a fresh
 * repository, comparing the resulting bytes with `after`. Git runs with no global or system
 * config so a developer's `core.autocrlf` or `apply.whitespace=error` cannot change the outcome.
 */

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  LC_ALL: "C",
};

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compose-gate-diff-"));
  tempDirs.push(dir);
  return dir;
}

/** Files a repository starts with; `null` content means the file does not exist. */
type Tree = Record<string, string | null>;

/** Applies `patch` to a new repository holding `files`; returns the tree afterwards (bytes). */
function applyWithGit(files: Tree, patch: string, extraArgs: string[] = []): Record<string, Buffer | null> {
  const root = tempDir();
  const repo = path.join(root, "repo");
  fs.mkdirSync(repo);
  git(repo, ["init", "-q"]);
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), content, "utf8");
  }
  const patchFile = path.join(root, "change.patch");
  fs.writeFileSync(patchFile, patch, "utf8");
  try {
    git(repo, ["apply", "--check", ...extraArgs, patchFile]);
    git(repo, ["apply", ...extraArgs, patchFile]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`git apply failed: ${stderr}\n--- patch ---\n${patch}`);
  }
  const result: Record<string, Buffer | null> = {};
  for (const name of Object.keys(files)) {
    const full = path.join(repo, name);
    result[name] = fs.existsSync(full) ? fs.readFileSync(full) : null;
  }
  return result;
}

/** Asserts that the patch of `change` turns `before` into `after` exactly under git. */
function expectGitApplies(change: FileChange, options?: DiffOptions, extraArgs?: string[]): string {
  const patch = unifiedDiff(change, options);
  expect(patch).not.toBe("");
  const result = applyWithGit({ [change.path]: change.before }, patch, extraArgs)[change.path];
  if (change.after === null) expect(result).toBeNull();
  else expect(result?.equals(Buffer.from(change.after, "utf8"))).toBe(true);
  return patch;
}

const numbered = (n: number, eol = "\n") => Array.from({ length: n }, (_, i) => `line ${i + 1}${eol}`).join("");

describe("unifiedDiff applies with git", () => {
  it("LF edit in the middle, with git's header and hunk format", () => {
    const before = numbered(10);
    const after = before.replace("line 5\n", "line five\n");
    const patch = expectGitApplies({ path: "docker-compose.yml", before, after });
    expect(patch).toBe(
      [
        "diff --git a/docker-compose.yml b/docker-compose.yml",
        "--- a/docker-compose.yml",
        "+++ b/docker-compose.yml",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+line five",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("CRLF edit keeps the \\r in every patch line", () => {
    const before = numbered(8, "\r\n");
    const after = before.replace("line 4\r\n", "line four\r\nadded\r\n");
    const patch = expectGitApplies({ path: "stack/compose.yml", before, after });
    expect(patch).toContain("-line 4\r\n+line four\r\n+added\r\n");
    expect(patch).toContain(" line 3\r\n");
  });

  it("mixed CRLF and LF lines", () => {
    const before = "a\r\nb\nc\r\nd\n";
    const after = "a\nb\r\nc\r\nd\n";
    expectGitApplies({ path: "mixed.yml", before, after });
  });

  it("BOM file: editing the first line keeps the BOM", () => {
    const before = "\uFEFFservices:\n  web:\n    image: nginx\n";
    const after = "\uFEFFservices: # edited\n  web:\n    image: nginx:1.27\n";
    expectGitApplies({ path: "bom.yml", before, after });
  });

  it("BOM added and removed", () => {
    expectGitApplies({ path: "bom.yml", before: "a: 1\nb: 2\n", after: "\uFEFFa: 1\nb: 2\n" });
    expectGitApplies({ path: "bom.yml", before: "\uFEFFa: 1\nb: 2\n", after: "a: 1\nb: 2\n" });
  });

  it("before without final newline", () => {
    const patch = expectGitApplies({ path: "f.yml", before: "a\nb\nc", after: "a\nb\nc\n" });
    expect(patch).toContain("-c\n\\ No newline at end of file\n+c\n");
  });

  it("after without final newline", () => {
    const patch = expectGitApplies({ path: "f.yml", before: "a\nb\nc\n", after: "a\nB\nc" });
    expect(patch).toContain("+c\n\\ No newline at end of file\n");
  });

  it("both without final newline: the marker follows the context line", () => {
    const patch = expectGitApplies({ path: "f.yml", before: "a\nb\nc", after: "a\nB\nc" });
    expect(patch).toContain(" c\n\\ No newline at end of file\n");
    expect(patch.match(/No newline/g)).toHaveLength(1);
  });

  it("both without final newline, last line changed, CRLF", () => {
    expectGitApplies({ path: "f.yml", before: "a\r\nb\r\nc", after: "a\r\nb\r\nC" });
  });

  it("new file", () => {
    const patch = expectGitApplies({ path: "deploy/secrets/new-file.yml", before: null, after: "x: 1\ny: 2\n" });
    expect(patch).toContain("new file mode 100644\n--- /dev/null\n+++ b/deploy/secrets/new-file.yml\n@@ -0,0 +1,2 @@\n");
  });

  it("new executable file", () => {
    const patch = expectGitApplies({ path: "scripts/run.sh", before: null, after: "#!/bin/sh\n", mode: 0o755 });
    expect(patch).toContain("new file mode 100755\n");
  });

  it("new file without final newline", () => {
    expectGitApplies({ path: "n.yml", before: null, after: "x: 1" });
  });

  it("new empty file has no ---/+++ lines, like git", () => {
    const patch = expectGitApplies({ path: "empty.env", before: null, after: "" });
    expect(patch).toBe("diff --git a/empty.env b/empty.env\nnew file mode 100644\n");
  });

  it("deleted file", () => {
    const patch = expectGitApplies({ path: "old/minio.yml", before: "a\nb\n", after: null });
    expect(patch).toContain("deleted file mode 100644\n--- a/old/minio.yml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n");
  });

  it("deleted empty file", () => {
    expectGitApplies({ path: "empty.env", before: "", after: null });
  });

  it("empty → content", () => {
    const patch = expectGitApplies({ path: "e.yml", before: "", after: "a\nb\n" });
    expect(patch).toContain("@@ -0,0 +1,2 @@\n");
  });

  it("content → empty keeps an empty file", () => {
    expectGitApplies({ path: "e.yml", before: "a\nb\n", after: "" });
  });

  it("many hunks", () => {
    const before = numbered(200);
    const after = splitLines(before)
      .map((line, i) => (i % 20 === 10 ? line.replace("line", "LINE") : line))
      .join("");
    const patch = expectGitApplies({ path: "many.yml", before, after });
    expect(patch.match(/^@@ /gm)).toHaveLength(10);
  });

  it("changes closer than 2×context share one hunk", () => {
    const before = numbered(20);
    const after = before.replace("line 5\n", "x\n").replace("line 11\n", "y\n");
    const patch = expectGitApplies({ path: "m.yml", before, after });
    expect(patch.match(/^@@ /gm)).toHaveLength(1);
  });

  it("insertions at the start and end, and a pure insertion mid-file", () => {
    const before = numbered(12);
    const lines = splitLines(before);
    const after = ["top\n", ...lines.slice(0, 6), "middle\n", ...lines.slice(6), "bottom\n"].join("");
    expectGitApplies({ path: "ins.yml", before, after });
  });

  it("context option: 1 line, and 0 with --unidiff-zero", () => {
    const before = numbered(30);
    const after = before.replace("line 10\n", "ten\n").replace("line 20\n", "");
    const one = expectGitApplies({ path: "c.yml", before, after }, { context: 1 });
    expect(one).toContain("@@ -9,3 +9,3 @@\n line 9\n-line 10\n+ten\n line 11\n");
    const zero = expectGitApplies({ path: "c.yml", before, after }, { context: 0 }, ["--unidiff-zero"]);
    expect(zero).toContain("@@ -20 +19,0 @@\n-line 20\n");
  });

  it("identical before and after give an empty patch", () => {
    expect(unifiedDiff({ path: "same.yml", before: "a\n", after: "a\n" })).toBe("");
    expect(unifiedDiff({ path: "none.yml", before: null, after: null })).toBe("");
  });

  it.each([
    "sub dir/my file.yml",
    "deploy/stack-prod/docker-compose.override.yml",
    "./relative/compose.yml",
    "ünïcödé/compose.yml",
    'we"ird\\name\twith tab.yml',
  ])("path %j", (name) => {
    const patch = expectGitApplies({ path: name, before: "a: 1\n", after: "a: 2\n" });
    if (name.includes(" ")) expect(patch).toMatch(/^--- .*\t$/m);
    expect(patch).not.toContain("a/./");
  });

  it("rejects paths a patch cannot name", () => {
    expect(() => unifiedDiff({ path: "/etc/compose.yml", before: "a", after: "b" })).toThrow(TypeError);
    expect(() => unifiedDiff({ path: "", before: "a", after: "b" })).toThrow(TypeError);
  });
});

describe("timeout fallback", () => {
  /** Every line re-indented: nothing in common, the worst case for Myers. */
  const reformat = () => {
    const before = Array.from({ length: 3000 }, (_, i) => `  key${i % 7}: value-${i}\n`).join("");
    const after = `# header\n${splitLines(before).map((l) => `    ${l.trimStart()}`).join("")}# footer\n`;
    return { path: "big.yml", before, after };
  };

  it("jsdiff gives up and one coarse hunk still applies exactly", () => {
    const change = reformat();
    const started = Date.now();
    const { coarse } = lineEdits(change, { timeoutMs: 0 });
    expect(coarse).toBe(true);
    const patch = expectGitApplies(change, { timeoutMs: 0 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(patch.match(/^@@ /gm)).toEqual(["@@ "]);
    expect(patch).toContain("@@ -1,3000 +1,3002 @@\n");
  });

  it("the coarse hunk keeps the common prefix and suffix as context", () => {
    const head = numbered(10);
    const middleOld = Array.from({ length: 500 }, (_, i) => `a${i}\n`).join("");
    const middleNew = Array.from({ length: 500 }, (_, i) => `b${i}\n`).join("");
    const change = { path: "mid.yml", before: head + middleOld + head, after: head + middleNew + head };
    const patch = expectGitApplies(change, { maxEditLength: 1 });
    expect(lineEdits(change, { maxEditLength: 1 }).coarse).toBe(true);
    expect(patch).toContain("@@ -8,506 +8,506 @@\n line 8\n");
  });

  it("a large file changed in many places is diffed exactly, gap by gap between anchor lines", () => {
    const before = numbered(20_000);
    const after = splitLines(before)
      .map((line, i) => (i % 50 === 7 ? `changed ${i}\n` : i % 50 === 30 ? `${line}inserted ${i}\n` : line))
      .join("");
    const change = { path: "many.yml", before, after };
    expect(lineEdits(change).coarse).toBe(false);
    expect(diffStats(change)).toEqual({ added: 800, removed: 400 });
    expectGitApplies(change);
  });

  it("a small change in a large file is diffed exactly within the default timeout", () => {
    const before = numbered(50_000);
    const after = before.replace("line 25000\n", "changed\n");
    const change = { path: "large.yml", before, after };
    expect(lineEdits(change).coarse).toBe(false);
    expect(diffStats(change)).toEqual({ added: 1, removed: 1 });
  });
});

describe("masking", () => {
  const secret = "s3cr3t-P@ss/word";
  const before = [
    "services:",
    "  db:",
    "    environment:",
    `      POSTGRES_PASSWORD: ${secret}`,
    `      DATABASE_URL: postgres://app:${encodeURIComponent(secret)}@db/app`,
    "      POSTGRES_USER: app",
    "",
  ].join("\n");
  const after = [
    "services:",
    "  db:",
    "    environment:",
    "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password",
    `      DATABASE_URL: postgres://app:${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}@db/app`,
    "      POSTGRES_USER: app",
    `      # was ${secret}`,
    "",
  ].join("\n");
  const change = { path: "compose.yml", before, after };

  it("hides the secret and its URL-encoded forms without changing hunk line counts", () => {
    const plain = unifiedDiff(change);
    const masked = unifiedDiff(change, { mask: secretMasker([secret, "no"]) });
    expect(plain).toContain(secret);
    expect(masked).not.toContain(secret);
    expect(masked).not.toContain(encodeURIComponent(secret));
    expect(masked.toLowerCase()).not.toContain(encodeURIComponent(secret).toLowerCase());
    expect(masked).toContain("POSTGRES_PASSWORD: ****\n");
    expect(masked.split("\n")).toHaveLength(plain.split("\n").length);
    expect(masked.match(/^@@.*@@$/gm)).toEqual(plain.match(/^@@.*@@$/gm));
    applyWithGit({ "compose.yml": before }, plain);
  });

  it("never changes line structure, even with a mask that inserts newlines", () => {
    const crlf = { path: "c.yml", before: "a\r\nkey: hunter22\r\nb\r\n", after: "a\r\nkey: other\r\nb\r\n" };
    const masked = unifiedDiff(crlf, { mask: (line) => line.replace("hunter22", "x\ny") });
    expect(masked.split("\n")).toHaveLength(unifiedDiff(crlf).split("\n").length);
    expect(masked).toContain("-key: x\u2424y\r\n");
  });

  it("tells the mask which line of which side it is given", () => {
    const edit = { path: "c.yml", before: "a\nb\nc\nd\n", after: "a\nB\nc\nd\ne\n" };
    const seen: string[] = [];
    unifiedDiff(edit, {
      context: 1,
      mask: (line, at) => {
        expect(at.change).toBe(edit);
        seen.push(`${line}:${at.before ?? "-"}:${at.after ?? "-"}`);
        return line;
      },
    });
    expect(seen).toEqual(["a:1:1", "b:2:-", "B:-:2", "c:3:3", "d:4:4", "e:-:5"]);
  });
});

describe("renderPatch, diffStats, colorize", () => {
  it("renderPatch concatenates per-file patches that git applies together", () => {
    const files: FileChange[] = [
      { path: "compose.yml", before: "a\nb\n", after: "a\nc\n" },
      { path: "same.yml", before: "x\n", after: "x\n" },
      { path: "secrets/db.txt", before: null, after: "pw\n" },
      { path: "minio.yml", before: "m\n", after: null },
    ];
    const patch = renderPatch(files);
    expect(patch.match(/^diff --git /gm)).toHaveLength(3);
    const result = applyWithGit(Object.fromEntries(files.map((f) => [f.path, f.before])), patch);
    for (const f of files) {
      expect(result[f.path]?.toString("utf8") ?? null).toBe(f.after);
    }
  });

  it("diffStats counts added and removed lines", () => {
    expect(diffStats({ path: "f", before: "a\nb\nc\n", after: "a\nB\nc\nd\n" })).toEqual({ added: 2, removed: 1 });
    expect(diffStats({ path: "f", before: null, after: "a\nb" })).toEqual({ added: 2, removed: 0 });
    expect(diffStats({ path: "f", before: "a\n", after: null })).toEqual({ added: 0, removed: 1 });
    expect(diffStats({ path: "f", before: "a\n", after: "a\n" })).toEqual({ added: 0, removed: 0 });
  });

  it("colorize styles by position in the patch, not by first characters", () => {
    const patch = unifiedDiff({ path: "c.yml", before: "x:\n-- item\n++ y\n", after: "x:\n+++ z\r\n" });
    const tagged = colorize(patch, {
      red: (s) => `<R>${s}</R>`,
      green: (s) => `<G>${s}</G>`,
      cyan: (s) => `<C>${s}</C>`,
      bold: (s) => `<B>${s}</B>`,
    });
    expect(tagged).toBe(
      [
        "<B>diff --git a/c.yml b/c.yml</B>",
        "<B>--- a/c.yml</B>",
        "<B>+++ b/c.yml</B>",
        "<C>@@ -1,3 +1,2 @@</C>",
        " x:",
        "<R>--- item</R>",
        "<R>-++ y</R>",
        "<G>++++ z</G>\r",
        "",
      ].join("\n"),
    );
  });
});

describe("property: random line arrays round-trip through git apply", () => {
  const lineText = fc.constantFrom("a", "b", "c", "", "  key: value", "\uFEFFbom", "x\ry", "- item", "é");
  const terminator = fc.constantFrom("\n", "\r\n");
  const text = fc
    .tuple(fc.array(fc.tuple(lineText, terminator), { maxLength: 30 }), fc.boolean())
    .map(([lines, dropFinal]) => {
      const joined = lines.map(([t, eol]) => t + eol).join("");
      return dropFinal ? joined.replace(/\r?\n$/, "") : joined;
    });
  const side = fc.option(text, { nil: null, freq: 8 });

  it("reproduces after exactly", () => {
    fc.assert(
      fc.property(side, side, fc.constantFrom(1, 2, 3), fc.boolean(), (before, after, context, coarse) => {
        const change = { path: "prop/compose.yml", before, after };
        const options: DiffOptions = coarse ? { context, maxEditLength: 0 } : { context };
        const patch = unifiedDiff(change, options);
        if (before === after) {
          expect(patch).toBe("");
          return;
        }
        const result = applyWithGit({ [change.path]: before }, patch)[change.path];
        if (after === null) expect(result).toBeNull();
        else expect(result?.equals(Buffer.from(after, "utf8"))).toBe(true);
        const patchLines = patch.split("\n");
        const added = patchLines.filter((l) => l.startsWith("+") && !l.startsWith("+++ ")).length;
        const removed = patchLines.filter((l) => l.startsWith("-") && !l.startsWith("--- ")).length;
        expect(diffStats(change, options)).toEqual({ added, removed });
      }),
      { numRuns: 50 },
    );
  });
});
