/**
 * Masking: secrets hidden by position in diffs whatever their spelling (issue #19 item 5),
 * without a pattern built from secret values (item 6), down to one character (item 8), and
 * values, not words (issue #16 item 5).
 */
import { describe, expect, it } from "vitest";
import { renderPatch, type FileChange } from "../../src/diff/index.js";
import { parseCompose } from "../../src/document/compose-document.js";
import { locateSecrets } from "../../src/secrets/locate.js";
import { MASK, secretMasker } from "../../src/secrets/mask.js";
import { runTransforms } from "../../src/transforms/pipeline.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { yaml } from "../_utils.js";

const preset = PRESETS["pre-first-client"].map(getTransform);

/** The masked diff of the preset's run on `text`, as the CLI shows it. */
function maskedDiff(text: string): { diff: string; plain: string; secrets: string[] } {
  const r = runTransforms([{ path: "compose.yml", text }], preset);
  const changes: FileChange[] = r.files.map((f) => ({ path: f.path, before: f.before, after: f.after, secrets: f.secrets }));
  return { diff: renderPatch(changes, { mask: secretMasker(r.secrets) }), plain: renderPatch(changes), secrets: r.secrets };
}

/** The whole file as diff context: one edit of the image tag, every other line shown. */
function contextDiff(text: string, hidden?: Set<string>): { diff: string; plain: string } {
  const after = text.replace("postgres:16.4-alpine", "postgres:16.5-alpine");
  const before = locateSecrets(parseCompose(text));
  const change: FileChange = { path: "compose.yml", before: text, after, secrets: { before: before.spans, after: locateSecrets(parseCompose(after)).spans } };
  const mask = secretMasker(before.values, { onHidden: (s) => hidden?.add(s) });
  return { diff: renderPatch([change], { mask, context: 1000 }), plain: renderPatch([change], { context: 1000 }) };
}

describe("masking by position, whatever the spelling", () => {
  const text = yaml`
    services:
      db:
        image: postgres:16.4-alpine
        environment:
          POSTGRES_PASSWORD: "cnry\\\\esc-\\u0041zz"
          API_TOKEN: 'cnry''sq-token'
          JWT_SECRET: 0xC0FFEE15BAD
          SESSION_SECRET: 7.31e21
          MINIO_ROOT_PASSWORD: >-
            cnry-folded-one
            cnry-folded-two
          STRIPE_SECRET_KEY: |
            cnry-literal-line
          REDIS_PASSWORD: Zq7
        command: sh -c "redis-server --requirepass 'cnry sh one' && export DB_PASSWORD=cnry-sh-two"
  `;

  it("hides every spelling in the diff (they were searched for as values, and shown)", () => {
    const { diff, plain } = contextDiff(text);
    for (const written of ["cnry\\\\esc-\\u0041zz", "cnry''sq-token", "0xC0FFEE15BAD", "7.31e21", "cnry-folded-one", "cnry-folded-two", "cnry-literal-line", "Zq7", "cnry sh one", "cnry-sh-two"]) {
      expect(plain, written).toContain(written);
      expect(diff, written).not.toContain(written);
    }
    // Parsed values are not shown either, nor a hint of them.
    for (const value of ["cnry\\esc-Azz", "cnry'sq-token", String(0xc0ffee15bad), "7.31e+21"]) expect(diff).not.toContain(value);
    expect(diff).toContain(`      POSTGRES_PASSWORD: "${MASK}"`);
    expect(diff).toContain(`        ${MASK}\n`);
    expect(diff).toContain("image: postgres:16.4-alpine");
  });

  it("counts each secret once, however many lines it spans and on both sides", () => {
    const hidden = new Set<string>();
    contextDiff(text, hidden);
    expect([...hidden].sort()).toEqual(
      ["cnry\\\\esc-\\u0041zz", "cnry''sq-token", "0xC0FFEE15BAD", "7.31e21", "cnry-folded-one\n        cnry-folded-two", "cnry-literal-line", "Zq7", "cnry sh one", "cnry-sh-two"].sort(),
    );
  });
});

describe("values, not words (#16 item 5)", () => {
  const text = yaml`
    services:
      postgres:
        image: postgres:16.4-alpine
        environment:
          POSTGRES_USER: app
          POSTGRES_PASSWORD: postgres
          DATABASE_URL: postgres://postgres:postgres@postgres:5432/postgres
        healthcheck:
          test: ["CMD-SHELL", "PGPASSWORD=postgres pg_isready -h postgres"]
  `;

  it("a dictionary password is hidden where it is the value, the diff stays readable", () => {
    const { diff } = contextDiff(text);
    expect(diff).toContain("-    image: postgres:16.4-alpine");
    expect(diff).toContain("   postgres:\n");
    expect(diff).toContain(`POSTGRES_PASSWORD: ${MASK}`);
    expect(diff).toContain(`postgres://postgres:${MASK}@postgres:5432/postgres`);
    expect(diff).toContain(`PGPASSWORD=${MASK} pg_isready -h postgres`);
    expect(diff).toContain("POSTGRES_USER: app");
    // And through the whole preset, whose diff touches these lines.
    expect(maskedDiff(text).diff).not.toMatch(/POSTGRES_PASSWORD: postgres|:postgres@|PGPASSWORD=postgres/);
  });

  it("in text without positions, where it stands as a value", () => {
    const mask = secretMasker(["postgres", "Zq7"]);
    for (const [shown, masked] of [
      ["image: postgres:16", "image: postgres:16"],
      ["services.postgres has no backup", "services.postgres has no backup"],
      ["POSTGRES_PASSWORD: postgres", `POSTGRES_PASSWORD: ${MASK}`],
      ['"POSTGRES_PASSWORD": "postgres"', `"POSTGRES_PASSWORD": "${MASK}"`],
      ["- PGPASSWORD=postgres", `- PGPASSWORD=${MASK}`],
      ["redis-server --requirepass postgres", `redis-server --requirepass ${MASK}`],
      ["mysql -ppostgres", `mysql -p${MASK}`],
      ["postgres://postgres:postgres@db/postgres", `postgres://postgres:${MASK}@db/postgres`],
      ["REDIS_PASSWORD=Zq7", `REDIS_PASSWORD=${MASK}`],
      ["Zq7", MASK],
      ["APP_NAME: Zq7", "APP_NAME: Zq7"],
    ]) {
      expect(mask(shown)).toBe(masked);
    }
  });

  it("a distinctive secret is hidden wherever it appears, in every encoding", () => {
    const secret = "s3cr3t-P@ss/word";
    const mask = secretMasker([secret, "-----BEGIN KEY-----\nMIIEvQIBADAN9g+w\n-----END KEY-----"]);
    expect(mask(`x ${secret}y`)).toBe(`x ${MASK}y`);
    expect(mask(`u:${encodeURIComponent(secret)}@h`)).toBe(`u:${MASK}@h`);
    expect(mask(`u:${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}@h`)).toBe(`u:${MASK}@h`);
    expect(mask("  MIIEvQIBADAN9g+w")).toBe(`  ${MASK}`);
    expect(secretMasker([])("unchanged")).toBe("unchanged");
  });
});

describe("bounds (#19 item 6)", () => {
  it("a secret of 32 768 characters is masked, not a crash", () => {
    const long = "x9".repeat(16_384);
    const text = `services:\n  a:\n    image: nginx\n    environment:\n      API_TOKEN: ${long}\n`;
    const { diff } = maskedDiff(text);
    expect(diff).not.toContain(long.slice(0, 64));
  });

  it("12 000 secrets in a 1.4 MB file: located, and every line of both sides masked, in linear time", () => {
    let text = "services:\n";
    for (let i = 0; i < 12_000; i++) text += `  s${i}:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pw-${(i * 7919).toString(36)}-${i.toString(16)}zq\n      POSTGRES_USER: app\n`;
    const doc = parseCompose(text);
    const start = performance.now();
    const located = locateSecrets(doc);
    const mask = secretMasker(located.values);
    const change: FileChange = { path: "c.yml", before: text, after: text, secrets: { before: located.spans, after: located.spans } };
    const lines = text.split("\n");
    let hidden = 0;
    lines.forEach((line, i) => {
      if (mask(line, { change, before: i + 1, after: i + 1 }).includes(MASK)) hidden++;
    });
    const ms = performance.now() - start;
    expect(located.spans).toHaveLength(12_000);
    expect(hidden).toBe(12_000);
    // About 0.3 s on a quiet machine; the bound only catches quadratic growth on a busy one.
    expect(ms).toBeLessThan(5_000);
  });
});
