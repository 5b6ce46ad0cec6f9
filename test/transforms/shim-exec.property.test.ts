/**
 * Property: whatever command and entrypoint a service has, the shim env-to-secrets writes runs
 * exactly what Docker would have run without it — the service's entrypoint, or else the image's
 * (from the fact table), followed by the service's command, or else (no entrypoint of its own)
 * the image's command — and hands it the secrets' values. Each case is run by a real /bin/sh:
 * the output's entrypoint and command, interpolated as compose does (`$$` → `$`), with the
 * secret files in a temporary folder and the final `exec` pointed at a probe that records its
 * arguments and environment.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { IMAGES_WITHOUT_FILE } from "../../src/secrets/file-capable.js";
import transform from "../../src/transforms/env-to-secrets.js";
import { runTransforms } from "../../src/transforms/pipeline.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "shim-exec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const probe = path.join(dir, "probe.mjs");
writeFileSync(probe, `#!/usr/bin/env node\nimport { writeFileSync } from "node:fs";\nwriteFileSync(process.env.PROBE_OUT, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));\n`);
chmodSync(probe, 0o755);

const shimmed = IMAGES_WITHOUT_FILE.filter((row) => row.start);
const images = shimmed.map((row) => ({ image: `${row.repositories[0]}:1`, start: row.start! }));

/** Words with shell and printf syntax in them, and `$` (written `$$` for compose). */
const word = fc.stringMatching(/^[A-Za-z0-9 _.,:=%'"\\$*@{}()-]{1,12}$/);
const words = fc.array(word, { minLength: 1, maxLength: 4 });
const secretValue = fc.stringMatching(/^[A-Za-z0-9 %'"\\$*@{}:/_-]{1,16}$/).filter((v) => v.trim() === v);
const escape = (s: string) => s.replace(/\$/g, "$$$$");

interface Case {
  image: (typeof images)[number];
  entrypoint?: string[];
  command?: string[];
  secrets: { password: string; token: string };
  url: boolean;
}

const cases = fc.record({
  image: fc.constantFrom(...images),
  entrypoint: fc.option(words, { nil: undefined }),
  command: fc.option(words, { nil: undefined }),
  secrets: fc.record({ password: secretValue, token: secretValue }),
  url: fc.boolean(),
}) as fc.Arbitrary<Case>;

function composeFile(c: Case): string {
  const service: Record<string, unknown> = {
    image: c.image.image,
    environment: {
      API_TOKEN: "${API_TOKEN}",
      ...(c.url ? { DATABASE_URL: "postgres://app:${DB_PASSWORD}@db:5432/app?sslmode=disable" } : { DB_PASSWORD: "${DB_PASSWORD}" }),
    },
  };
  if (c.entrypoint) service.entrypoint = c.entrypoint.map(escape);
  if (c.command) service.command = c.command.map(escape);
  return stringify({ services: { app: service } });
}

/** Runs the service as Docker would after compose's interpolation, with the probe at the end of the `exec`. */
function runShim(text: string, c: Case): { argv: string[]; env: Record<string, string> } {
  const app = (parse(text) as { services: { app: { entrypoint: string[]; command?: string[] } } }).services.app;
  const interpolate = (s: string) => s.replace(/\$\$/g, "$");
  const [shell, flag, script, name] = app.entrypoint.map(interpolate);
  expect([shell, flag, name]).toEqual(["/bin/sh", "-c", "secrets-shim"]);
  const lines = script.split("\n");
  expect(lines[lines.length - 1]).toMatch(/^exec /);
  const secretsDir = mkdtempSync(path.join(dir, "run-"));
  writeFileSync(path.join(secretsDir, "db_password"), c.secrets.password);
  writeFileSync(path.join(secretsDir, "api_token"), c.secrets.token);
  const probed = [...lines.slice(0, -1), lines[lines.length - 1].replace(/^exec /, `exec ${probe} `)].join("\n").replaceAll("/run/secrets/", `${secretsDir}/`);
  const out = path.join(secretsDir, "out.json");
  const args = (app.command ?? []).map(interpolate);
  const r = spawnSync("/bin/sh", ["-c", probed, name, ...args], { env: { PATH: process.env.PATH ?? "", PROBE_OUT: out }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(out, "utf8"));
}

describe("every shim execs exactly what the service ran before", () => {
  it("holds for any entrypoint and command, and passes the secrets' values on", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const result = runTransforms([{ path: "compose.yml", text: composeFile(c) }], [transform], { options: { "env-to-secrets": { target: "swarm" } } });
        const text = result.files[0].after;
        const seen = runShim(text, c);
        // Docker: an entrypoint of the service's own drops the image's CMD.
        const entrypoint = c.entrypoint ?? [...c.image.start.entrypoint];
        const command = c.command ?? (c.entrypoint ? [] : [...c.image.start.cmd]);
        expect(seen.argv).toEqual([...entrypoint, ...command]);
        expect(seen.env.API_TOKEN).toBe(c.secrets.token);
        if (c.url) expect(seen.env.DATABASE_URL).toBe(`postgres://app:${c.secrets.password}@db:5432/app?sslmode=disable`);
        else expect(seen.env.DB_PASSWORD).toBe(c.secrets.password);
      }),
      { numRuns: 60 },
    );
  });
});
