/**
 * The written gate checklist (#16 item 8): manual steps appeared once on stderr and vanished;
 * a second run reported "refusals" for work already done. Now `transform --write` keeps GATE.md
 * next to the stack, losslessly and stably, `check --format markdown` prints the same list, and
 * `transform --check` over a finished stack reports nothing pending.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../_utils.js";
import { BIN, run, workspace } from "./helpers.js";

const EXAMPLE_DIR = path.join(repoRoot, "examples/busflow");
const PRODUCTION = "docker-compose.production.yml";
const SECRET = "whsec_4f9a1c2e8b7d6a5f3e2d1c0b";
const cli = (cwd: string, ...args: string[]) => run(args, { cwd, cli: BIN });
const text = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");
function copyOfExample(): string {
  const dir = workspace();
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  return dir;
}
/** The section as printed: between the markers, without them. */
const inner = (file: string) => file.slice(file.indexOf("\n", file.indexOf("<!-- compose-gate:checklist ")) + 1, file.indexOf("<!-- compose-gate:checklist-end")).replace(/\n+$/, "\n");

describe("transform --write keeps a gate checklist next to the stack", () => {
  it("lists each gate item's status and every manual step; a second run changes nothing and reports nothing pending", () => {
    const dir = copyOfExample();
    const first = cli(dir, "transform", PRODUCTION, "--write");
    expect(first.code, first.stderr).toBe(0);
    const gate = text(dir, "GATE.md");
    expect(gate).toMatch(/^<!-- compose-gate:checklist docker-compose\.production\.yml -->\n## Gate checklist: docker-compose\.production\.yml\n/);
    expect(gate).toContain("| Point S3 consumers at external object storage · Remove MinIO (`gate/minio`) | … done in the files; ");
    expect(gate).toContain("- [ ] **s3-external**: create the bucket busflow-files in Hetzner Object Storage");
    expect(gate).toContain("- [ ] **drop-minio**: run scripts/migrate-minio-to-s3.sh before deploying this change");
    expect(gate).not.toContain(SECRET);

    const again = cli(dir, "transform", PRODUCTION, "--check");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr).not.toMatch(/refus/);
    expect(again.stderr).toContain("✔ nothing to change");
    expect(cli(dir, "transform", PRODUCTION, "--write").stdout).toBe("");
    expect(text(dir, "GATE.md")).toBe(gate);
  });

  it("the manual steps are still known on a second run, and check --format markdown prints the same checklist", () => {
    const dir = copyOfExample();
    cli(dir, "transform", PRODUCTION, "--write");
    // The second run no longer reports the step (its change is made); the checklist still lists it.
    expect(cli(dir, "transform", PRODUCTION).stderr).not.toContain("create the bucket busflow-files");
    const markdown = cli(dir, "check", PRODUCTION, "--format", "markdown");
    // No error is left once the preset ran: what stays open are warnings (images without a shell).
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("✖ open: 9 findings");
    expect(markdown.stdout).toBe(inner(text(dir, "GATE.md")));
    expect(markdown.stdout).toContain("create the bucket busflow-files");
    expect(markdown.stdout).not.toContain(SECRET);
  });

  it("keeps the user's ticks and text outside the section, byte for byte, CRLF included", () => {
    const dir = copyOfExample();
    cli(dir, "transform", PRODUCTION, "--write");
    const ticked = text(dir, "GATE.md").replace("- [ ] **s3-external**: create the bucket", "- [x] **s3-external**: create the bucket");
    const edited = `# Busflow go-live\r\nOwner: ops\r\n\r\n${ticked.replace(/\n/g, "\r\n")}\r\nNotes after the list.\r\n`;
    writeFileSync(path.join(dir, "GATE.md"), edited);
    // Bring a gate item back so that the section changes: the rest of the file must not.
    writeFileSync(path.join(dir, PRODUCTION), text(EXAMPLE_DIR, PRODUCTION));
    const r = cli(dir, "transform", PRODUCTION, "--write");
    expect(r.code, r.stderr).toBe(0);
    const after = text(dir, "GATE.md");
    expect(after.startsWith("# Busflow go-live\r\nOwner: ops\r\n\r\n<!-- compose-gate:checklist ")).toBe(true);
    expect(after.endsWith("<!-- compose-gate:checklist-end docker-compose.production.yml -->\r\n\r\nNotes after the list.\r\n")).toBe(true);
    expect(after).toContain("- [x] **s3-external**: create the bucket");
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(cli(dir, "transform", PRODUCTION, "--check").code).toBe(0);
  });

  it("a ticked item with no finding left is done", () => {
    const dir = copyOfExample();
    cli(dir, "transform", PRODUCTION, "--write");
    const section = text(dir, "GATE.md");
    const heading = "#### Postgres metrics with postgres_exporter (`gate/postgres-exporter`)";
    const steps = section.split(heading)[1].split("####")[0];
    expect(steps).toContain("- [ ]");
    writeFileSync(path.join(dir, "GATE.md"), section.replace(steps, steps.replace(/- \[ \]/g, "- [x]")));
    const r = cli(dir, "check", PRODUCTION, "--format", "markdown");
    expect(r.stdout).toContain("| Postgres metrics with postgres_exporter (`gate/postgres-exporter`) | ✔ done |");
    // The table in the file follows on the next --write (until then --check reports it pending).
    expect(cli(dir, "transform", PRODUCTION, "--check").code).toBe(1);
    expect(cli(dir, "transform", PRODUCTION, "--write").code).toBe(0);
    expect(text(dir, "GATE.md")).toContain("(`gate/postgres-exporter`) | ✔ done |");
    expect(cli(dir, "transform", PRODUCTION, "--check").code).toBe(0);
  });

  it("--no-checklist and `checklist: false` write none; --checklist names another file", () => {
    const none = copyOfExample();
    expect(cli(none, "transform", PRODUCTION, "--write", "--no-checklist").code).toBe(0);
    expect(existsSync(path.join(none, "GATE.md"))).toBe(false);
    const configured = copyOfExample();
    writeFileSync(path.join(configured, "compose-gate.config.yaml"), "checklist: false\n");
    expect(cli(configured, "transform", PRODUCTION, "--write").code).toBe(0);
    expect(existsSync(path.join(configured, "GATE.md"))).toBe(false);
    const renamed = copyOfExample();
    expect(cli(renamed, "transform", PRODUCTION, "--write", "--checklist", "docs/go-live.md").code).toBe(0);
    expect(text(renamed, "docs/go-live.md")).toContain("<!-- compose-gate:checklist ../docker-compose.production.yml -->");
  });

  it("two stacks of one folder share the file, one section each", () => {
    const dir = workspace({
      "a/docker-compose.yml": "services:\n  db:\n    image: postgres:16\n",
      "a/docker-compose.worker.yml": "services:\n  db:\n    image: postgres:16\n",
    });
    const r = cli(path.join(dir, "a"), "transform", "docker-compose.yml", "docker-compose.worker.yml", "--write");
    expect(r.code, r.stderr).toBe(0);
    const gate = text(path.join(dir, "a"), "GATE.md");
    expect(gate.match(/^<!-- compose-gate:checklist [^>]+-->$/gm)).toEqual(["<!-- compose-gate:checklist docker-compose.yml -->", "<!-- compose-gate:checklist docker-compose.worker.yml -->"]);
    expect(cli(path.join(dir, "a"), "transform", "docker-compose.yml", "docker-compose.worker.yml", "--check").code).toBe(0);
  });
});
