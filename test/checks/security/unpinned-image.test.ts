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

  it("reports moving tags and interpolated references that default to one", () => {
    const text = yaml`
      services:
        cache:
          image: redis:stable
        proxy:
          image: traefik:Edge
        app:
          image: ghcr.io/org/app:\${TAG:-latest}
        web:
          image: \${IMAGE:-nginx}
        job:
          image: localhost:5000/job:nightly
    `;
    expect(lines(check(text, "security/unpinned-image"))).toEqual([
      '3:5 warning Service "cache": image redis:stable is tagged `stable`, a tag the publisher moves to each new build',
      '5:5 warning Service "proxy": image traefik:Edge is tagged `Edge`, a tag the publisher moves to each new build',
      '7:5 warning Service "app": image ghcr.io/org/app:${TAG:-latest} deploys as ghcr.io/org/app:latest (TAG unset) and is tagged `latest`, which moves with every release',
      '9:5 warning Service "web": image ${IMAGE:-nginx} deploys as nginx (IMAGE unset) and has no tag, so it runs whatever `latest` is at pull time',
      '11:5 warning Service "job": image localhost:5000/job:nightly is tagged `nightly`, a tag the publisher moves to each new build',
    ]);
  });

  it.each(["dev", "test", "beta", "canary", "lts", "main"])("reports :%s", (tag) => {
    expect(check(`services:\n  a:\n    image: busybox:${tag}\n`, "security/unpinned-image")).toHaveLength(1);
  });

  it("leaves references without a default, and tags that merely contain a moving word, alone", () => {
    const text = yaml`
      services:
        a:
          image: postgres:\${PG_VERSION}
        b:
          image: redis:7-stable-alpine
        c:
          image: node:22-bookworm-slim
        d:
          image: nginx:stable@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    `;
    expect(check(text, "security/unpinned-image")).toEqual([]);
  });
});
