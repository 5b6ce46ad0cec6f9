/**
 * s3-external: interpolation hooks, layouts and inference, anchors and multi-file placement,
 * secrets, the migration script (run against a stub `mc`), and the s3-external + drop-minio
 * preset over the whole real-world corpus (never throws, re-reads, idempotent, and accepted by
 * `docker stack config` wherever the input was).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import dropMinio from "../../src/transforms/drop-minio.js";
import { resolveDefaults } from "../../src/interpolation/index.js";
import { parseHook, rewriteKeepingHook } from "../../src/transforms/minio/interpolation.js";
import { inferGroup } from "../../src/transforms/minio/layouts.js";
import { migrationScript, type ScriptInput } from "../../src/transforms/minio/script.js";
import { parseOptions, runTransforms, OptionsError, type RunResult } from "../../src/transforms/pipeline.js";
import s3External from "../../src/transforms/s3-external.js";
import { corpusFiles, visible, yaml } from "../_utils.js";

function run(text: string, options: Record<string, unknown> = {}): RunResult & { after: string } {
  const result = runTransforms([{ path: "compose.yml", text }], [s3External], { options: { "s3-external": options } });
  return { ...result, after: result.files[0].after };
}

const messages = (r: RunResult, kind: string) => r.findings.filter((f) => f.kind === kind).map((f) => f.message);

const nhost = yaml`
  services:
    storage:
      image: nhost/storage:0.7.2
      depends_on: [minio]
      environment:
        S3_ENDPOINT: http://minio:9000
        S3_ACCESS_KEY: minioadmin
        S3_SECRET_KEY: s3cr3t-minio-password
        S3_BUCKET: \${S3_BUCKET:-nhost}
        S3_ROOT_FOLDER: f215cf48-7458-4596-9aa5-2159fc6a3caf
        S3_DISABLE_HTTPS: "true"
    minio:
      image: minio/minio
      command: server /data
      environment:
        MINIO_ROOT_USER: \${MINIO_ROOT_USER}
        MINIO_ROOT_PASSWORD: \${MINIO_ROOT_PASSWORD}
`;

describe("interpolation", () => {
  it("parses a whole-value hook", () => {
    expect(parseHook("${A:-http://x:9000}")).toEqual({ variable: "A", op: ":-", argument: "http://x:9000" });
    expect(parseHook("${A}")).toEqual({ variable: "A", op: "", argument: "" });
    expect(parseHook("$A")).toEqual({ variable: "A", op: "", argument: "" });
    expect(parseHook("http://${HOST}:9000")).toBeUndefined();
    expect(parseHook("${A}-${B}")).toBeUndefined();
  });

  it("resolves defaults the way compose does with nothing set", () => {
    expect(resolveDefaults("${A:-http://minio:9000}")).toBe("http://minio:9000");
    expect(resolveDefaults("${A-${B:-x}}/y")).toBe("x/y");
    expect(resolveDefaults("${A}:${B:?required}:$$HOME")).toBe("::$HOME");
  });

  it("rewrites the file's answer and keeps the hook", () => {
    expect(rewriteKeepingHook("${E:-http://minio:9000}", "https://h")).toEqual({ kind: "value", value: "${E:-https://h}" });
    expect(rewriteKeepingHook("${E-old}", "new")).toEqual({ kind: "value", value: "${E-new}" });
    expect(rewriteKeepingHook("${E}", "new")).toEqual({ kind: "value", value: "${E:-new}" });
    expect(rewriteKeepingHook("http://minio:9000", "new")).toEqual({ kind: "value", value: "new" });
    expect(rewriteKeepingHook("${E:?set it}", "new")).toEqual({ kind: "required", variable: "E" });
  });
});

describe("Nhost Storage", () => {
  it("points storage at Hetzner fsn1, moves keys to variables, keeps bucket and root folder", () => {
    const r = run(nhost);
    expect(visible(r.after)).toBe(
      visible(
        nhost
          .replace("S3_ENDPOINT: http://minio:9000", "S3_ENDPOINT: https://fsn1.your-objectstorage.com")
          .replace("S3_ACCESS_KEY: minioadmin", "S3_ACCESS_KEY: ${S3_ACCESS_KEY}")
          .replace("S3_SECRET_KEY: s3cr3t-minio-password", "S3_SECRET_KEY: ${S3_SECRET_KEY}")
          .replace('      S3_DISABLE_HTTPS: "true"\n', "      S3_REGION: fsn1\n"),
      ),
    );
  });

  it("never adds S3_FORCE_PATH_STYLE and asks for a smoke test instead", () => {
    const r = run(nhost, { pathStyle: "path" });
    expect(r.after).not.toContain("FORCE_PATH_STYLE");
    expect(messages(r, "manual").join("\n")).toMatch(/presigned GET.*UsePathStyle = true/);
  });

  it("registers replaced literal keys as secrets and prints them nowhere", () => {
    const r = run(nhost);
    expect(r.secrets).toContain("s3cr3t-minio-password");
    const printed = [...r.findings.map((f) => f.message), ...r.extras.map((e) => e.content)].join("\n");
    expect(printed).not.toContain("s3cr3t-minio-password");
    expect(printed).not.toContain("minioadmin");
  });

  it("honours location, endpoint, region, bucket and key variable options", () => {
    expect(run(nhost, { location: "hel1" }).after).toContain("S3_ENDPOINT: https://hel1.your-objectstorage.com\n");
    const custom = run(nhost, { endpoint: "https://s3.example.com", region: "eu-central", bucket: "prod-files", accessKeyVariable: "HZ_KEY", secretKeyVariable: "HZ_SECRET" });
    expect(custom.after).toContain("S3_ENDPOINT: https://s3.example.com\n");
    expect(custom.after).toContain("S3_REGION: eu-central\n");
    expect(custom.after).toContain("S3_BUCKET: ${S3_BUCKET:-prod-files}\n");
    expect(custom.after).toContain("S3_ACCESS_KEY: ${HZ_KEY}\n");
    expect(custom.extras[0].content).toContain("migrate 'nhost' 'prod-files'");
    expect(run(nhost, { endpoint: "https://s3.example.com" }).after).not.toContain("S3_REGION");
  });

  it("rejects an endpoint with a bucket or path in it", () => {
    expect(() => parseOptions(s3External, { endpoint: "https://fsn1.your-objectstorage.com/my-bucket" })).toThrow(OptionsError);
    expect(() => parseOptions(s3External, { location: "ams1" })).toThrow(OptionsError);
  });

  it("changes nothing, and writes no script, on its own output", () => {
    const first = run(nhost);
    const again = run(first.after);
    expect(again.after).toBe(first.after);
    expect(again.extras).toEqual([]);
    expect(again.findings.filter((f) => f.kind === "change")).toEqual([]);
  });
});

describe("messages follow the options in force (#16 item 7)", () => {
  it("--set region=us-east-1: the change and the steps name us-east-1, never the location code", () => {
    const r = run(nhost, { region: "us-east-1" });
    const all = r.findings.map((f) => f.message).join("\n");
    expect(r.after).toContain("S3_REGION: us-east-1");
    expect(all).toContain("S3_REGION → us-east-1");
    expect(all).not.toMatch(/set to fsn1/);
  });

  it("the default region (the location code) carries its caveat, naming the value written", () => {
    const r = run(nhost, { location: "hel1" });
    expect(messages(r, "manual")).toContainEqual(expect.stringMatching(/^S3_REGION set to hel1: Hetzner's docs do not name a region/));
  });
});

describe("layouts", () => {
  it("infers the variables of an unknown app from its endpoint's prefix", () => {
    const present = new Set(["FOO_S3_ENDPOINT", "FOO_S3_ACCESS_KEY_ID", "FOO_S3_SECRET_ACCESS_KEY", "FOO_BUCKET", "AWS_REGION", "BUCKET"]);
    expect(inferGroup("FOO_S3_ENDPOINT", present)?.roles).toEqual({
      endpoint: ["FOO_S3_ENDPOINT"],
      accessKey: ["FOO_S3_ACCESS_KEY_ID"],
      secretKey: ["FOO_S3_SECRET_ACCESS_KEY"],
      bucket: ["FOO_BUCKET"],
      region: ["AWS_REGION"],
    });
  });

  it("switches an inferred app and keeps host-only endpoints host-only", () => {
    const r = run(yaml`
      services:
        app:
          image: acme/app
          environment:
            - UPLOADS_S3_ENDPOINT=minio:9000
            - UPLOADS_S3_USE_SSL=false
            - UPLOADS_S3_ACCESS_KEY=\${UPLOADS_KEY:-minio}
        minio:
          image: minio/minio
    `);
    expect(r.after).toContain("- UPLOADS_S3_ENDPOINT=fsn1.your-objectstorage.com\n");
    expect(r.after).toContain("- UPLOADS_S3_USE_SSL=true\n");
    expect(r.after).toContain("- UPLOADS_S3_ACCESS_KEY=${S3_ACCESS_KEY}\n");
  });

  it("uses custom variable groups from the options", () => {
    const text = yaml`
      services:
        app:
          image: acme/app
          environment:
            BLOB_URL: http://minio:9000
            BLOB_USER: \${MINIO_ROOT_USER}
        minio:
          image: minio/minio
    `;
    expect(run(text).after).toContain("BLOB_URL: http://minio:9000");
    const r = run(text, { variables: [{ endpoint: "BLOB_URL", accessKey: ["BLOB_USER"] }] });
    expect(r.after).toContain("BLOB_URL: https://fsn1.your-objectstorage.com\n");
    expect(r.after).toContain("BLOB_USER: ${S3_ACCESS_KEY}\n");
  });

  it("refuses an unknown service name and explains an undetected consumer", () => {
    expect(messages(run(nhost, { services: ["nope"] }), "refusal")).toEqual(["services.nope does not exist; check the services option"]);
    const passThrough = "services:\n  app:\n    environment:\n      S3_ENDPOINT: ${S3_ENDPOINT}\n  minio:\n    image: minio/minio\n";
    const r = run(passThrough);
    expect(r.after).toBe(passThrough);
    expect(messages(r, "refusal")[0]).toMatch(/^found MinIO \(minio\) but no service whose S3 endpoint points at it/);
    expect(run(passThrough, { services: ["app"] }).after).toContain("S3_ENDPOINT: ${S3_ENDPOINT:-https://fsn1.your-objectstorage.com}");
  });
});

describe("anchors", () => {
  it("edits a shared anchor when every reader is switched the same way", () => {
    const r = run(yaml`
      x-s3: &s3
        S3_ENDPOINT: http://minio:9000
      services:
        storage:
          environment:
            <<: *s3
        storage2:
          environment:
            <<: *s3
        minio:
          image: minio/minio
    `);
    expect(r.after).toContain("x-s3: &s3\n  S3_ENDPOINT: https://fsn1.your-objectstorage.com\n");
    expect(messages(r, "change")[0]).toBe("storage: S3_ENDPOINT → https://fsn1.your-objectstorage.com (in anchor &s3, read by storage, storage2)");
  });

  it("overrides locally when another reader of the anchor is not being switched", () => {
    const r = run(
      yaml`
        x-s3: &s3
          S3_ENDPOINT: http://minio:9000
        services:
          storage:
            environment:
              <<: *s3
          archive:
            environment:
              <<: *s3
          minio:
            image: minio/minio
      `,
      { services: ["storage"] },
    );
    expect(r.after).toContain("x-s3: &s3\n  S3_ENDPOINT: http://minio:9000\n");
    expect(r.after).toContain("      <<: *s3\n      S3_ENDPOINT: https://fsn1.your-objectstorage.com\n      S3_REGION: fsn1\n  archive:");
  });

  it("refuses, naming the anchor, when the environment itself is an alias", () => {
    const text = yaml`
      x-env: &env
        S3_ENDPOINT: http://minio:9000
      services:
        storage:
          environment: *env
        archive:
          environment: *env
        minio:
          image: minio/minio
    `;
    const r = run(text, { services: ["storage"] });
    expect(r.after).toBe(text);
    expect(messages(r, "refusal")[0]).toMatch(/^storage: did not set S3_ENDPOINT: it is shared through anchor &env \(read by storage, archive\)/);
  });
});

describe("multi-file projects", () => {
  it("writes the switch as an override in the editable file and neutralises what it cannot remove", () => {
    const base = "services:\n  storage:\n    environment:\n      S3_ENDPOINT: http://minio:9000\n      S3_DISABLE_HTTP: \"true\"\n  minio:\n    image: minio/minio\n";
    const override = "services:\n  storage:\n    deploy:\n      replicas: 2\n";
    const result = runTransforms(
      [
        { path: "compose.yml", text: base },
        { path: "compose.prod.yml", text: override },
      ],
      [s3External],
    );
    expect(result.files[0].after).toBe(base);
    expect(parseCompose(result.files[1].after).get(["services", "storage", "environment"])).toEqual({
      S3_ENDPOINT: "https://fsn1.your-objectstorage.com",
      S3_DISABLE_HTTP: "false",
      S3_REGION: "fsn1",
    });
  });
});

describe("migration script", () => {
  const input: ScriptInput = {
    composeFile: "compose.yml",
    services: ["storage"],
    sourceUrl: "http://minio:9000",
    sourceKeyVariables: { access: "MINIO_ROOT_USER", secret: "MINIO_ROOT_PASSWORD" },
    targetUrl: "https://fsn1.your-objectstorage.com",
    targetKeyVariables: { access: "S3_ACCESS_KEY", secret: "S3_SECRET_KEY" },
    targetPath: "on",
    buckets: [{ source: "files" }],
  };

  /** A stand-in for mc: logs its arguments and stdin, and answers ls with the sizes it is given. */
  function stubMc(dir: string): string {
    const stub = path.join(dir, "mc");
    writeFileSync(
      stub,
      [
        "#!/usr/bin/env bash",
        'echo "ARGS $*" >> "$STUB_LOG"',
        'if [ "$1 $2" = "alias set" ]; then echo "STDIN $(cat | tr "\\n" " ")" >> "$STUB_LOG"; fi',
        'if [ "$1 $2" = "--json ls" ]; then',
        '  case "$5" in src/*) set -- $STUB_SRC ;; *) set -- $STUB_DST ;; esac',
        '  echo "{\\"status\\": \\"success\\", \\"key\\": \\"a b\\", \\"size\\": 1}"',
        '  printf \'{\\n"totalObjects": %s,\\n"totalSize": %s\\n}\\n\' "$1" "$2"',
        "fi",
      ].join("\n"),
    );
    chmodSync(stub, 0o755);
    return stub;
  }

  function runScript(env: Record<string, string>) {
    const dir = mkdtempSync(path.join(tmpdir(), "s3-external-"));
    const script = path.join(dir, "migrate.sh");
    writeFileSync(script, migrationScript(input), { mode: 0o755 });
    const log = path.join(dir, "log");
    writeFileSync(log, "");
    const result = spawnSync("bash", [script], {
      env: { PATH: process.env.PATH ?? "", MC: stubMc(dir), STUB_LOG: log, MINIO_ROOT_USER: "src-ak", MINIO_ROOT_PASSWORD: "src-sk", S3_ACCESS_KEY: "dst-ak", S3_SECRET_KEY: "dst-sk", ...env },
      encoding: "utf8",
    });
    return { status: result.status, stderr: result.stderr, log: readFileSync(log, "utf8") };
  }

  it("is valid bash", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "s3-external-"));
    const file = path.join(dir, "m.sh");
    writeFileSync(file, migrationScript({ ...input, buckets: [{ source: "a" }, { sourceVariable: "BUCKET" }, {}] }));
    expect(spawnSync("bash", ["-n", file]).status).toBe(0);
  });

  it("pipes keys to mc, never on a command line, then mirrors and compares", () => {
    const r = runScript({ STUB_SRC: "3 300", STUB_DST: "3 300" });
    expect(r.status).toBe(0);
    const args = r.log.split("\n").filter((l) => l.startsWith("ARGS"));
    expect(args.join("\n")).not.toMatch(/src-ak|src-sk|dst-ak|dst-sk/);
    expect(r.log).toContain("STDIN src-ak src-sk");
    expect(r.log).toContain("STDIN dst-ak dst-sk");
    expect(args).toEqual([
      "ARGS alias set src http://minio:9000 --api S3v4 --path on",
      "ARGS alias set dst https://fsn1.your-objectstorage.com --api S3v4 --path on",
      "ARGS mirror --dry-run src/files dst/files",
      "ARGS mirror --preserve --retry src/files dst/files",
      "ARGS --json ls --recursive --summarize src/files",
      "ARGS --json ls --recursive --summarize dst/files",
    ]);
  });

  it("exits non-zero when counts or sizes differ", () => {
    const r = runScript({ STUB_SRC: "3 300", STUB_DST: "2 200" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("src/files has '3 300' (objects bytes) but dst/files has '2 200'");
  });

  it("refuses to start without keys", () => {
    const r = runScript({ MINIO_ROOT_USER: "" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("set SRC_ACCESS_KEY");
  });
});

describe("the s3-external + drop-minio preset on the real-world corpus", () => {
  const files = corpusFiles();
  const hasDocker = spawnSync("docker", ["--version"]).status === 0;
  const preset = (text: string, name: string) => runTransforms([{ path: name, text }], [s3External, dropMinio]);

  function stackConfig(dir: string, name: string, text: string): boolean {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    try {
      execFileSync("docker", ["stack", "config", "-c", file], { stdio: "ignore", cwd: dir });
      return true;
    } catch {
      return false;
    }
  }

  it.skipIf(files.length === 0).each(files.map((f) => [f.name, f.text] as const))("%s: reads back, is idempotent, stays accepted", (name, text) => {
    const first = preset(text, name);
    const after = first.files[0].after;
    parseCompose(after, { filename: name });
    const again = preset(after, name);
    expect(visible(again.files[0].after)).toBe(visible(after));
    for (const extra of first.extras) expect(extra.content).not.toMatch(/\$\{?[A-Z_]+:-(minio|minioadmin|miniosecret|secret-key|test|password|secure_minio_secret)\b/);
    if (!hasDocker || after === text) return;
    const dir = mkdtempSync(path.join(tmpdir(), "s3-corpus-"));
    if (stackConfig(dir, "before.yml", text)) expect(stackConfig(dir, "after.yml", after), `docker stack config rejects the output for ${name}`).toBe(true);
  });

  it.skipIf(!existsSync(path.join(process.cwd(), "examples/busflow/docker-compose.production.yml")) || !hasDocker)(
    "the Busflow production stack stays accepted by docker stack config",
    () => {
      const text = readFileSync(path.join(process.cwd(), "examples/busflow/docker-compose.production.yml"), "utf8");
      const dir = mkdtempSync(path.join(tmpdir(), "s3-busflow-"));
      expect(stackConfig(dir, "before.yml", text)).toBe(true);
      expect(stackConfig(dir, "after.yml", preset(text, "docker-compose.production.yml").files[0].after)).toBe(true);
    },
  );
});
