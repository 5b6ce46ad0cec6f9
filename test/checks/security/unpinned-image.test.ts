import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("security/unpinned-image", () => {
  it("reports untagged and latest images at the image key", () => {
    const text = yaml`
      services:
        db:
          image: postgres
        cache:
          image: docker.io/library/redis:latest
        proxy:
          image: registry.example.com:5000/nginx
    `;
    expect(lines(check(text, "security/unpinned-image"))).toEqual([
      '3:5 warning Service "db": image postgres has no tag, so it runs whatever `latest` is at pull time',
      '5:5 warning Service "cache": image docker.io/library/redis:latest is tagged `latest`, which moves with every release',
      '7:5 warning Service "proxy": image registry.example.com:5000/nginx has no tag, so it runs whatever `latest` is at pull time',
    ]);
  });

  it("passes version tags, digests, interpolated tags and build-only services", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16.4
        pinned:
          image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
        latest-digest:
          image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
        tagged-by-env:
          image: postgres:\${PG_VERSION:-17}
        built:
          build: .
    `;
    expect(check(text, "security/unpinned-image")).toEqual([]);
  });
});
