import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("gate/minio", () => {
  it("reports each MinIO server at its service key, with the fix", () => {
    const text = yaml`
      services:
        storage:
          image: nhost/storage:0.7.2
        minio:
          image: quay.io/minio/minio:RELEASE.2025-02-28T09-55-16Z
        blobs:
          image: cgr.dev/chainguard/minio
        objects:
          build: ./docker/minio
    `;
    const found = check(text, "gate/minio");
    expect(lines(found)).toEqual([
      '4:3 error Service "minio" runs a MinIO server (image minio/minio); production file storage should move to external object storage',
      '6:3 error Service "blobs" runs a MinIO server (image chainguard/minio); production file storage should move to external object storage',
      '8:3 error Service "objects" runs a MinIO server (built from a local context named minio); production file storage should move to external object storage',
    ]);
    expect(found.every((f) => f.fix === "drop-minio" && f.ruleId === "gate/minio")).toBe(true);
    expect(found.map((f) => f.service)).toEqual(["minio", "blobs", "objects"]);
  });

  it("passes MinIO clients and stacks on external object storage", () => {
    const text = yaml`
      services:
        storage:
          image: nhost/storage:0.7.2
          environment:
            S3_ENDPOINT: https://fsn1.your-objectstorage.com
        mirror:
          image: minio/mc:RELEASE.2025-02-21T16-00-46Z
    `;
    expect(check(text, "gate/minio")).toEqual([]);
  });
});
