/**
 * The report formats in-process: SARIF fix regions reproduce the edited text for any edit
 * (CRLF, BOM, missing final newline included), secrets never reach a format, GitHub commands
 * cannot be broken out of, and findings render as documented.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { secretMasker } from "../../src/secrets/mask.js";
import type { CheckFinding } from "../../src/report/check-types.js";
import { PLAIN } from "../../src/report/colors.js";
import { escapeData, escapeProperty, formatGithub } from "../../src/report/github.js";
import { formatJson } from "../../src/report/json.js";
import { formatSarif, MAX_FIX_REPLACEMENTS } from "../../src/report/sarif.js";
import { replacementsFor } from "../../src/report/sarif-fixes.js";
import { formatTransformFindings } from "../../src/report/transform-findings.js";
import { applyReplacements, sarifErrors } from "./sarif-support.js";

const SECRET = "canary-SECRET-1234";
const finding: CheckFinding = { ruleId: "gate/x", severity: "error", message: `leaks ${SECRET}`, file: "compose.yml", line: 2, column: 3, fix: "fixer" };

describe("SARIF fix replacements", () => {
  const line = fc.constantFrom("a", "b", "services:", "  web:", "    image: x", "", "  # c");
  const text = fc.record({ lines: fc.array(line, { maxLength: 12 }), eol: fc.constantFrom("\n", "\r\n"), final: fc.boolean(), bom: fc.boolean() }).map(({ lines, eol, final, bom }) => {
    const body = lines.join(eol) + (final && lines.length ? eol : "");
    return bom ? `\uFEFF${body}` : body;
  });

  it("applied to the old text they give exactly the new text", () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyReplacements(before, replacementsFor(before, after))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it("replace whole lines: an insertion is an empty region at column 1", () => {
    expect(replacementsFor("a\nc\n", "a\nb\nc\n")).toEqual([{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: "b\n" } }]);
    expect(replacementsFor("a\nb", "a\nc")).toEqual([{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 }, insertedContent: { text: "c" } }]);
  });
});

describe("SARIF log", () => {
  const base = { suppressed: [], rules: [{ id: "gate/x", severity: "error" as const, summary: "s", description: "d", fix: "fixer" }], version: "0.0.0", cwd: "/tmp/x y", errors: [], mask: secretMasker([SECRET]) };

  it("drops a fix whose inserted text would show a secret, and masks messages", () => {
    const out = formatSarif({ ...base, findings: [finding], fixFor: () => ({ transform: "fixer", createdFiles: [], changes: [{ file: "compose.yml", before: "a\n", after: `PASSWORD: ${SECRET}\n` }] }) });
    expect(out).not.toContain(SECRET);
    const log = JSON.parse(out);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results[0].fixes).toBeUndefined();
    expect(log.runs[0].results[0].message.text).toBe("leaks ****");
    expect(log.runs[0].originalUriBaseIds.SRCROOT.uri).toBe("file:///tmp/x%20y/");
  });

  it("keeps a fix without secrets, and encodes artifact URIs", () => {
    const f = { ...finding, file: "deploy dir/compose#1.yml" };
    const out = formatSarif({ ...base, findings: [f], fixFor: () => ({ transform: "fixer", createdFiles: [], changes: [{ file: f.file, before: "a\n", after: "b\n" }] }) });
    const log = JSON.parse(out);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("deploy%20dir/compose%231.yml");
    expect(log.runs[0].results[0].fixes[0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: "b\n" } }]);
  });
});

describe("SARIF fix budget", () => {
  it("stops attaching fixes past the replacement budget", () => {
    const base = { suppressed: [], rules: [{ id: "gate/x", severity: "error" as const, summary: "s", description: "d", fix: "fixer" }], version: "0.0.0", cwd: "/tmp", errors: [], mask: (s: string) => s };
    const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => (i % 2 ? `${tag}${i}` : `same${i}`)).join("\n") + "\n";
    // 200 replacements per fix: 100 results fit in the 20 000 replacement budget, the 101st does not.
    const fix = { transform: "fixer", createdFiles: [], changes: [{ file: "compose.yml", before: lines(400, "a"), after: lines(400, "b") }] };
    expect(replacementsFor(fix.changes[0].before, fix.changes[0].after)).toHaveLength(200);
    expect(MAX_FIX_REPLACEMENTS).toBe(20_000);
    const findings = Array.from({ length: 101 }, (_, i) => ({ ...finding, message: "m", line: i + 1 }));
    const log = JSON.parse(formatSarif({ ...base, findings, fixFor: () => fix }));
    const withFix = log.runs[0].results.map((r: { fixes?: unknown[] }) => r.fixes !== undefined);
    expect(withFix.filter(Boolean)).toHaveLength(100);
    expect(withFix[100]).toBe(false);
  });
});

describe("GitHub annotations", () => {
  it("escape data and properties so a message cannot start another command", () => {
    expect(escapeData("50%\r\n::error::x")).toBe("50%25%0D%0A::error::x");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const out = formatGithub([{ ...finding, message: "line one\n::error file=x::injected" }], (s) => s);
    expect(out.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("mask secrets", () => {
    expect(formatGithub([finding], secretMasker([SECRET]))).not.toContain(SECRET);
  });
});

describe("JSON", () => {
  it("masks messages and keeps the contract keys first", () => {
    const out = JSON.parse(formatJson([{ ...finding, endLine: 3, service: "web" }], secretMasker([SECRET])));
    expect(Object.keys(out.findings[0])).toEqual(["ruleId", "severity", "file", "line", "column", "message", "fix", "endLine", "service"]);
    expect(out.findings[0].message).toBe("leaks ****");
  });
});

describe("transform findings", () => {
  it("align columns, name other files and indent continuation lines", () => {
    const text = formatTransformFindings(
      "base.yml + prod.yml",
      "base.yml",
      [
        { transform: "a", kind: "change", message: "did x", location: { file: "base.yml", line: 3, column: 5 } },
        { transform: "long-id", kind: "refusal", message: "first\nsecond", location: { file: "prod.yml", line: 12, column: 1 } },
        { transform: "a", kind: "manual", message: `set ${SECRET}` },
      ],
      PLAIN,
      secretMasker([SECRET]),
    );
    expect(text).toBe(
      [
        "base.yml + prod.yml  1 change, 1 refusal, 1 manual step",
        "  change   a        3:5            did x",
        "  refused  long-id  prod.yml:12:1  first",
        "                                   second",
        "  manual   a        -              set ****",
        "",
      ].join("\n"),
    );
  });
});
