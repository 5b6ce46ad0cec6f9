/**
 * drop-minio: detection by shape (images, build context, mc commands), the edits around a
 * removal (depends_on in both forms, links, volumes, networks), and every refusal: anchors,
 * files compose-gate may not edit, references left behind.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import dropMinio from "../../src/transforms/drop-minio.js";
import { addressOf, refersTo } from "../../src/transforms/minio/address.js";
import { detectMinio } from "../../src/transforms/minio/detect.js";
import { literalMcSecrets, bucketsMadeByMc, bucketsMadeByMkdir, imageRepository, isMinioBuild, isMinioClientImage, isMinioServerImage, minioApiPort, runsMcSetup } from "../../src/transforms/minio/image.js";
import { runTransforms, type RunResult } from "../../src/transforms/pipeline.js";
import { repoRoot, visible, yaml } from "../_utils.js";

function run(text: string, options: Record<string, unknown> = {}): RunResult & { after: string } {
  const result = runTransforms([{ path: "compose.yml", text }], [dropMinio], { options: { "drop-minio": options } });
  return { ...result, after: result.files[0].after };
}

const messages = (r: RunResult, kind: string) => r.findings.filter((f) => f.kind === kind).map((f) => f.message);

function detect(text: string) {
  return detectMinio(new Project([parseCompose(text)]));
}

describe("image classification", () => {
  it("reads the repository without registry, tag or digest", () => {
    expect(imageRepository("quay.io/minio/minio:RELEASE.2025-02-28T09-55-16Z")).toBe("minio/minio");
    expect(imageRepository("cgr.dev/chainguard/minio@sha256:abc")).toBe("chainguard/minio");
    expect(imageRepository("registry.local:5000/mirror/minio/minio:latest")).toBe("mirror/minio/minio");
    expect(imageRepository("docker.io/library/postgres:16")).toBe("postgres");
    expect(imageRepository("${REGISTRY:-quay.io}/minio/minio:${TAG:-latest}")).toBe("minio/minio");
  });

  it.each([
    "minio/minio",
    "minio/minio:RELEASE.2021-09-24T00-24-24Z",
    "quay.io/minio/minio",
    "docker.io/bitnami/minio:2024.5.1",
    "cgr.dev/chainguard/minio",
    "cgr.dev/chainguard/minio:latest@sha256:0123",
    "registry.local:5000/mirror/minio/minio:latest",
  ])("%s is a MinIO server", (image) => {
    expect(isMinioServerImage(image)).toBe(true);
    expect(isMinioClientImage(image)).toBe(false);
  });

  it.each(["minio/mc", "minio/mc:RELEASE.2025-02-21T16-00-46Z", "bitnami/minio-client", "cgr.dev/chainguard/minio-client:latest-dev"])("%s is a MinIO client", (image) => {
    expect(isMinioClientImage(image)).toBe(true);
    expect(isMinioServerImage(image)).toBe(false);
  });

  it.each(["chrislusf/seaweedfs", "myorg/minio-proxy", "minio/console", "postgres:16", "nginx"])("%s is neither", (image) => {
    expect(isMinioServerImage(image)).toBe(false);
    expect(isMinioClientImage(image)).toBe(false);
  });

  it("recognises a local build context named minio", () => {
    expect(isMinioBuild("./minio")).toBe(true);
    expect(isMinioBuild({ context: "docker/minio/" })).toBe(true);
    expect(isMinioBuild({ context: "./minio-proxy" })).toBe(false);
    expect(isMinioBuild("https://github.com/acme/minio.git")).toBe(false);
  });

  it("recognises mc set-up commands, not other mc use", () => {
    expect(runsMcSetup("/bin/sh -c 'mc alias set local http://minio:9000 a b && mc mb local/x'")).toBe(true);
    expect(runsMcSetup("until (/usr/bin/mc config host add minio http://minio:9000 admin password)")).toBe(true);
    expect(runsMcSetup("mc --insecure mb myminio/savefiles")).toBe(true);
    expect(runsMcSetup("mc ready local")).toBe(false);
    expect(runsMcSetup("echo mcmb")).toBe(false);
  });

  it("finds literal secret keys in mc commands, so their removal can be masked", () => {
    expect(literalMcSecrets("until (/usr/bin/mc config host add minio http://minio:9000 admin password) do")).toEqual(["password"]);
    expect(literalMcSecrets("mc alias set local http://minio:9000 $${MINIO_ROOT_USER} $${MINIO_ROOT_PASSWORD}")).toEqual([]);
    const r = run("services:\n  minio:\n    image: minio/minio\n  mc:\n    image: minio/mc\n    depends_on: [minio]\n    entrypoint: mc alias set m http://minio:9000 admin hunter2-secret\n");
    expect(r.secrets).toContain("hunter2-secret");
  });

  it("reads buckets from mc mb and from mkdir in the data folder", () => {
    expect(bucketsMadeByMc("mc alias set local http://minio:9000 $${U} $${P} && mc mb --ignore-existing local/busflow-files")).toEqual(["busflow-files"]);
    expect(bucketsMadeByMc("mc mb supa-minio/${GLOBAL_S3_BUCKET}")).toEqual([]);
    expect(bucketsMadeByMc("mc mb supa/${BUCKET:-uploads}")).toEqual(["uploads"]);
    expect(bucketsMadeByMkdir("-c 'mkdir -p /data/langfuse && minio server --address \":9000\" /data'")).toEqual(["langfuse"]);
    expect(bucketsMadeByMkdir("server /data")).toEqual([]);
    expect(minioApiPort("-c 'mkdir -p /data/nhost && /opt/bin/minio server --address :8484 /data'")).toBe(8484);
    expect(minioApiPort("server /data")).toBe(9000);
  });
});

describe("addresses", () => {
  const address = addressOf("minio", { hostname: "s3", networks: { net: { aliases: ["warehouse.minio"] } }, ports: ["${HOST_IP:-127.0.0.1}:${MINIO_API_PORT:-9090}:9000", { target: 9001, published: 9091 }] });

  it("finds URLs and host:port forms of every name", () => {
    expect(refersTo("http://minio:9000", address)).toBe("http://minio:9000");
    expect(refersTo("${S3_ENDPOINT:-http://minio:9000}", address)).toBe("http://minio:9000");
    expect(refersTo("minio:9000", address)).toBe("minio:9000");
    expect(refersTo("https://s3:9000/bucket", address)).toBeDefined();
    expect(refersTo("http://warehouse.minio:9000", address)).toBeDefined();
    expect(refersTo("s3://key:secret@minio:9000/x", address)).toBeDefined();
  });

  it("finds published ports through localhost", () => {
    expect(refersTo("http://localhost:9090", address)).toBe("http://localhost:9090");
    expect(refersTo("http://127.0.0.1:9091/console", address)).toBeDefined();
    expect(refersTo("http://localhost:8080", address)).toBeUndefined();
  });

  it("does not take a bare word or another host for an address", () => {
    expect(refersTo("minio", address)).toBeUndefined();
    expect(refersTo("${AWS_ACCESS_KEY_ID:-minio}", address)).toBeUndefined();
    expect(refersTo("https://minio.example.com", address)).toBeUndefined();
    expect(refersTo("http://myminio:9000", address)).toBeUndefined();
  });
});

describe("detection", () => {
  it("finds init jobs by shape and ties them to their server", () => {
    const setup = detect(yaml`
      services:
        blobs:
          image: quay.io/minio/minio
          command: server /data
        make-buckets:
          image: alpine:3.20
          depends_on: [blobs]
          command: ["sh", "-c", "mc alias set s http://blobs:9000 a b && mc mb s/files"]
        talks-to-it:
          image: minio/mc
          entrypoint: mc mirror s/files /backup
          environment:
            MC_HOST_s: http://blobs:9000
        unrelated-mc:
          image: minio/mc
          command: mc mirror aws/bucket /backup
        app:
          image: acme/app
          healthcheck:
            test: ["CMD", "mc", "ready", "local"]
    `);
    expect(setup.servers.map((s) => s.service)).toEqual(["blobs"]);
    expect(setup.inits.map((i) => [i.service, i.servers, i.buckets])).toEqual([
      ["make-buckets", ["blobs"], ["files"]],
      ["talks-to-it", ["blobs"], []],
    ]);
  });

  it("treats a MinIO server that runs mc itself as a server", () => {
    const setup = detect(yaml`
      services:
        plane-minio:
          image: minio/minio
          entrypoint: /bin/sh -c "minio server /export & sleep 5 && mc alias set m http://localhost:9000 a b && mc mb m/uploads"
    `);
    expect(setup.servers.map((s) => s.service)).toEqual(["plane-minio"]);
    expect(setup.inits).toEqual([]);
  });

  it("finds a server built from a local minio context", () => {
    expect(detect("services:\n  store:\n    build: ./docker/minio\n").servers.map((s) => s.reason)).toEqual(["built from a local context named minio"]);
  });
});

describe("removal", () => {
  it("removes the server, its init, depends_on in both forms, links, and volumes and networks only they used", () => {
    const r = run(yaml`
      services:
        app:
          image: acme/app
          depends_on:
            db:
              condition: service_healthy
            minio:
              condition: service_healthy
          links:
            - db
            - minio:s3
          networks: [front]
        worker:
          image: acme/worker
          depends_on:
            minio-init:
              condition: service_completed_successfully
          volumes:
            - shared:/shared
        db:
          image: postgres:16
        minio:
          image: minio/minio
          volumes:
            - miniodata:/data
            - shared:/shared
          networks: [front, storage]
        minio-init:
          image: minio/mc
          depends_on: [minio]
          networks: [storage]
      volumes:
        miniodata:
        shared:
      networks:
        front:
        storage:
    `);
    expect(visible(r.after)).toBe(
      visible(yaml`
        services:
          app:
            image: acme/app
            depends_on:
              db:
                condition: service_healthy
            links:
              - db
            networks: [front]
          worker:
            image: acme/worker
            volumes:
              - shared:/shared
          db:
            image: postgres:16
        volumes:
          shared:
        networks:
          front:
      `),
    );
    expect(messages(r, "change")).toContain("worker: removed minio-init from depends_on");
    expect(messages(r, "change")).toContain("app: removed minio from links");
  });

  it("keeps volume declarations with keepVolumes, and says the data stays either way", () => {
    const text = "services:\n  minio:\n    image: minio/minio\n    volumes:\n      - data:/data\nvolumes:\n  data:\n";
    const kept = run(text, { keepVolumes: true });
    expect(kept.after).toBe("services: {}\nvolumes:\n  data:\n");
    expect(messages(kept, "manual").join("\n")).toMatch(/volume\(s\) <stack>_data: compose-gate kept their declarations/);
    expect(run(text).after).toBe("services: {}\n");
  });

  it("refuses to delete a MinIO service whose anchor others use, naming the anchor", () => {
    const text = yaml`
      services:
        minio: &store
          image: minio/minio
          restart: always
        other:
          <<: *store
          image: acme/other
    `;
    const r = run(text);
    expect(r.after).toBe(text);
    expect(messages(r, "refusal")[0]).toMatch(/minio defines anchor &store, still used by services\.other/);
  });

  it("reports references left in other services with their location", () => {
    const r = run(yaml`
      services:
        app:
          image: acme/app
          environment:
            FILES_URL: http://minio:9000/files
            MINIO_USER: minio
        sidecar:
          image: acme/sidecar
          network_mode: service:minio
        minio:
          image: minio/minio
    `);
    const refusals = r.findings.filter((f) => f.kind === "refusal");
    expect(refusals.map((f) => [f.message, f.location?.line])).toEqual([
      ["app: environment.FILES_URL still refers to removed MinIO (http://minio:9000); point it at the new object store", 5],
      ["sidecar: network_mode still refers to removed MinIO (service:minio); point it at the new object store", 9],
    ]);
  });

  it("edits a shared depends_on in its anchor, since every reader loses the dependency", () => {
    const r = run(yaml`
      services:
        a:
          image: acme/a
          depends_on: &deps
            - db
            - minio
        b:
          image: acme/b
          depends_on: *deps
        db:
          image: postgres
        minio:
          image: minio/minio
    `);
    expect(r.after).toContain("depends_on: &deps\n      - db\n");
    expect(r.after).toContain("depends_on: *deps");
    expect(messages(r, "change")).toContain("a: removed minio from depends_on (in anchor &deps, shared by every reader)");
  });

  it("honours services and exclude", () => {
    const text = "services:\n  blobstore:\n    image: acme/s3-gateway\n  minio:\n    image: minio/minio\n";
    expect(run(text, { services: ["blobstore"], exclude: ["minio"] }).after).toBe("services:\n  minio:\n    image: minio/minio\n");
    expect(messages(run(text, { services: ["nope"] }), "refusal")).toContain("services.nope does not exist; check the services option");
  });

  it("leaves a file without MinIO byte-identical and silent", () => {
    const text = "services:\n  seaweedfs:\n    image: chrislusf/seaweedfs\n  app:\n    environment:\n      S3: http://seaweedfs:8333\n";
    const r = run(text);
    expect(r.after).toBe(text);
    expect(r.findings).toEqual([]);
  });
});

describe("multi-file projects", () => {
  const base = yaml`
    services:
      app:
        image: acme/app
        depends_on: [minio]
      minio:
        image: minio/minio
  `;

  it("reports MinIO in a file it may not edit, with the override, and edits nothing", () => {
    const override = "services:\n  app:\n    environment:\n      A: b\n";
    const result = runTransforms(
      [
        { path: "compose.yml", text: base },
        { path: "compose.prod.yml", text: override },
      ],
      [dropMinio],
    );
    expect(result.files.map((f) => f.after)).toEqual([base, override]);
    expect(messages(result, "refusal")).toEqual([
      "minio is defined in compose.yml, which compose-gate may not edit, and an override file cannot delete a service (docker stack deploy merges files; it has no way to remove one). Either scale it to zero in compose.prod.yml — services: {minio: {deploy: {replicas: 0}}} — or move minio out of compose.yml into a file only dev uses",
    ]);
  });

  it("refuses to remove MinIO that a file it may not edit depends on", () => {
    const result = runTransforms(
      [
        { path: "compose.yml", text: "services:\n  app:\n    image: acme/app\n    depends_on: [minio]\n" },
        { path: "compose.prod.yml", text: "services:\n  minio:\n    image: minio/minio\n" },
      ],
      [dropMinio],
    );
    expect(result.files.every((f) => f.after === f.before)).toBe(true);
    expect(messages(result, "refusal")[0]).toMatch(/^app in compose\.yml \(which compose-gate may not edit\) depends on minio/);
  });
});

describe("docker stack config", () => {
  const hasDocker = (() => {
    try {
      execFileSync("docker", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasDocker)("accepts the Busflow production stack after drop-minio, as it did before", () => {
    const text = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
    const dir = mkdtempSync(path.join(tmpdir(), "drop-minio-"));
    const check = (name: string, content: string) => {
      writeFileSync(path.join(dir, name), content);
      return execFileSync("docker", ["stack", "config", "-c", path.join(dir, name)], { stdio: ["ignore", "pipe", "ignore"] }).toString();
    };
    check("before.yml", text);
    const config = parseCompose(check("after.yml", run(text).after));
    expect(config.services()).not.toContain("minio");
    expect(config.services()).not.toContain("minio-init");
    expect(config.keys(["volumes"])).not.toContain("miniodata");
  });
});
