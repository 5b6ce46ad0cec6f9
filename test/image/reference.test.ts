import { describe, expect, it } from "vitest";
import { defaultTag, imageBaseName, imageMatches, parseImage } from "../../src/image/reference.js";

describe("parseImage", () => {
  it.each([
    ["postgres", { repository: "postgres" }],
    ["postgres:16.4", { repository: "postgres", tag: "16.4" }],
    ["docker.io/library/postgres:16", { repository: "postgres", tag: "16" }],
    ["docker.io/library/postgres:16.4@sha256:abc", { repository: "postgres", tag: "16.4", digest: "sha256:abc" }],
    ["library/postgres@sha256:0123abcd", { repository: "postgres", digest: "sha256:0123abcd" }],
    ["quay.io/minio/minio:RELEASE.2025-02-28T09-55-16Z", { registry: "quay.io", repository: "minio/minio", tag: "RELEASE.2025-02-28T09-55-16Z" }],
    ["localhost:5000/postgis/postgis:16-3.4", { registry: "localhost:5000", repository: "postgis/postgis", tag: "16-3.4" }],
    ["registry.local:5000/mirror/minio/minio:latest", { registry: "registry.local:5000", repository: "mirror/minio/minio", tag: "latest" }],
    ["Grafana/Grafana:12.3.1", { repository: "grafana/grafana", tag: "12.3.1" }],
  ])("%s", (image, expected) => expect(parseImage(image)).toEqual(expected));

  it("keeps an interpolated tag as written and reads the name with its defaults", () => {
    expect(parseImage("docker.io/postgres:${POSTGRES_VERSION:-17}")).toEqual({ repository: "postgres", tag: "${POSTGRES_VERSION:-17}" });
    expect(parseImage("${REGISTRY:-quay.io}/minio/minio:${TAG:-latest}")).toEqual({ registry: "quay.io", repository: "minio/minio", tag: "${TAG:-latest}" });
  });

  it("marks names a variable without default decides: the image is chosen at deploy time", () => {
    expect(parseImage("$SNUBA_IMAGE").chosenAtDeploy).toBe(true);
    expect(parseImage("${REGISTRY}/postgres:16")).toEqual({ repository: "postgres", tag: "16", chosenAtDeploy: true });
    expect(parseImage("").chosenAtDeploy).toBe(true);
    expect(parseImage("postgres:${TAG}").chosenAtDeploy).toBeUndefined();
  });
});

describe("defaultTag", () => {
  it("is the tag compose pulls when the environment is silent", () => {
    expect(defaultTag(parseImage("postgres:${PG_VERSION:-17}"))).toBe("17");
    expect(defaultTag(parseImage("postgres:16-alpine"))).toBe("16-alpine");
    expect(defaultTag(parseImage("postgres:${PG_VERSION}"))).toBeUndefined();
    expect(defaultTag(parseImage("postgres"))).toBeUndefined();
  });
});

describe("imageMatches", () => {
  it("matches a registry-less pattern on any registry, a registry pattern on that registry only", () => {
    expect(imageMatches("quay.io/minio/minio", "minio/minio")).toBe(true);
    expect(imageMatches("ghcr.io/busflow/functions:1", "ghcr.io/busflow/functions")).toBe(true);
    expect(imageMatches("docker.io/busflow/functions:1", "ghcr.io/busflow/functions")).toBe(false);
    expect(imageMatches("ghcr.io/busflow/functions:1", "busflow/functions")).toBe(true);
    expect(imageMatches("ghcr.io/acme/postgres:16", "postgres")).toBe(false);
    expect(imageMatches("bitnami/postgresql:16", "postgres")).toBe(false);
  });

  it("never matches an image chosen at deploy time", () => {
    expect(imageMatches("${REGISTRY}/postgres:16", "postgres")).toBe(false);
    expect(imageMatches("$SNUBA_IMAGE", "postgres")).toBe(false);
  });
});

it("imageBaseName is the last path component", () => {
  expect(imageBaseName(parseImage("quay.io/prometheuscommunity/postgres-exporter:v0.17.1"))).toBe("postgres-exporter");
});
