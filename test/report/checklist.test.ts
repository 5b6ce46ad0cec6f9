/**
 * The checklist section (#16 item 8) as text: markers, recorded steps and ticks, merging into a
 * file that holds other text, escaping.
 */
import { describe, expect, it } from "vitest";
import { escapeText, mergeChecklist, renderChecklist, type ChecklistSection } from "../../src/report/checklist.js";

const SECTION: ChecklistSection = {
  key: "compose.yml",
  items: [
    { id: "gate/minio", title: "Remove MinIO", open: 0, suppressed: 0 },
    { id: "gate/offsite-backup", title: "Off-site backups", open: 2, suppressed: 1 },
    { id: "gate/volume-placement", title: "Data in a volume on the root disk", closedByTransform: false, open: 0, suppressed: 0 },
  ],
  steps: [
    { item: "gate/minio", transform: "drop-minio", message: "run scripts/migrate.sh first" },
    { item: "gate/minio", transform: "drop-minio", message: "deploy with --prune" },
    { transform: "custom", message: "a step of a transform that closes no item" },
  ],
};

describe("renderChecklist", () => {
  it("renders items with their status and steps under their item, between markers", () => {
    const text = renderChecklist(SECTION);
    expect(text.split("\n")[0]).toBe("<!-- compose-gate:checklist compose.yml -->");
    expect(text).toContain("| Remove MinIO (`gate/minio`) | … done in the files; 2 of 2 manual steps left |");
    expect(text).toContain("| Off-site backups (`gate/offsite-backup`) | ✖ open: 2 findings (`compose-gate check` lists them) (1 accepted in the config) |");
    expect(text).toContain("| Data in a volume on the root disk (`gate/volume-placement`) | ✔ none found |");
    expect(text).toContain("#### Remove MinIO (`gate/minio`)\n\n- [ ] **drop-minio**: run scripts/migrate.sh first\n- [ ] **drop-minio**: deploy with --prune\n");
    expect(text).toContain("#### Other steps\n\n- [ ] **custom**: a step of a transform that closes no item\n");
    expect(text.endsWith("<!-- compose-gate:checklist-end compose.yml -->\n")).toBe(true);
  });

  it("is the same text for the same state (a second run changes nothing)", () => {
    const first = renderChecklist(SECTION);
    expect(renderChecklist(SECTION, first)).toBe(first);
    expect(renderChecklist({ ...SECTION, steps: [] }, first)).toBe(first);
  });

  it("keeps recorded steps and ticks; new steps come after them; a fully ticked item with no finding is done", () => {
    const first = renderChecklist(SECTION).replace("- [ ] **drop-minio**: run", "- [x] **drop-minio**: run").replace("- [ ] **drop-minio**: deploy", "- [X] **drop-minio**: deploy");
    const next = renderChecklist({ ...SECTION, steps: [{ item: "gate/minio", transform: "drop-minio", message: "delete the old data" }] }, first);
    expect(next).toContain("- [x] **drop-minio**: run scripts/migrate.sh first\n- [x] **drop-minio**: deploy with --prune\n- [ ] **drop-minio**: delete the old data\n");
    expect(next).toContain("| Remove MinIO (`gate/minio`) | … done in the files; 1 of 3 manual steps left |");
    const done = renderChecklist({ ...SECTION, steps: [] }, first);
    expect(done).toContain("| Remove MinIO (`gate/minio`) | ✔ done |");
  });

  it("a step is one line whichever transform reports it (the first of two sharing it may change between runs)", () => {
    const first = renderChecklist({ ...SECTION, steps: [{ item: "gate/minio", transform: "drop-minio", message: "add the deploy secrets" }] });
    const next = renderChecklist({ ...SECTION, steps: [{ item: "gate/offsite-backup", transform: "offsite-backup", message: "add the deploy secrets" }] }, first);
    expect(next).toBe(first);
  });

  it("a deleted step line is forgotten", () => {
    const first = renderChecklist(SECTION);
    const edited = first.replace("- [ ] **drop-minio**: deploy with --prune\n", "");
    expect(renderChecklist({ ...SECTION, steps: [] }, edited)).not.toContain("deploy with --prune");
  });

  it("without markers, for printing", () => {
    const text = renderChecklist(SECTION, undefined, false);
    expect(text.startsWith("## Gate checklist: compose.yml\n")).toBe(true);
    expect(text).not.toContain("<!--");
    expect(text.endsWith("\n\n")).toBe(false);
  });
});

describe("mergeChecklist", () => {
  const section = renderChecklist(SECTION);

  it("creates the file, appends to one without the section, replaces the section in place", () => {
    expect(mergeChecklist(undefined, "compose.yml", section)).toBe(section);
    expect(mergeChecklist("# Notes\n", "compose.yml", section)).toBe(`# Notes\n\n${section}`);
    expect(mergeChecklist("# Notes", "compose.yml", section)).toBe(`# Notes\n\n${section}`);
    const file = `# Notes\n\n${section}\nAfter.\n`;
    const other = renderChecklist({ ...SECTION, steps: [] }, undefined);
    expect(mergeChecklist(file, "compose.yml", other)).toBe(`# Notes\n\n${other}\nAfter.\n`);
  });

  it("keeps a CRLF file in CRLF and leaves other stacks' sections alone", () => {
    const crlf = `# Notes\r\n\r\n${section.replace(/\n/g, "\r\n")}`;
    const second = renderChecklist({ ...SECTION, key: "other.yml" });
    const merged = mergeChecklist(crlf, "other.yml", second);
    expect(merged.startsWith(crlf)).toBe(true);
    expect(merged.slice(crlf.length)).toBe(`\r\n${second.replace(/\n/g, "\r\n")}`);
  });
});

describe("escapeText", () => {
  it.each([
    ["reads no *_FILE variables", "reads no \\*\\_FILE variables"],
    ["set S3_ACCESS_KEY and OFFSITE_S3_BUCKET", "set S3_ACCESS_KEY and OFFSITE_S3_BUCKET"],
    ["https://<ACCOUNT_ID>.r2.example", "https://\\<ACCOUNT_ID\\>.r2.example"],
    ["run `docker exec <container> sh backup.sh` now", "run `docker exec <container> sh backup.sh` now"],
    ['export A=\\"x\\"', 'export A=\\\\"x\\\\"'],
    ["_leading and trailing_", "\\_leading and trailing\\_"],
    // A backslash Markdown would not read as an escape stays single, so the raw file copies right.
    ["printf '%s\\n' \"$X\" | psql -c '\\password postgres'", "printf '%s\\n' \"$X\" | psql -c '\\password postgres'"],
    ["ends with \\", "ends with \\\\"],
  ])("%s", (input, output) => {
    expect(escapeText(input)).toBe(output);
  });
});
