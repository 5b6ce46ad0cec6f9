import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAccepts, lines } from "../_helpers.js";

describe("swarm/build", () => {
  it("warns when an image is set, errors when there is none", () => {
    const text = yaml`
      services:
        api:
          build: ./api
          image: ghcr.io/busflow/api:1.0.0
        worker:
          build:
            context: ./worker
    `;
    expect(lines(check(text, "swarm/build"))).toEqual([
      '3:5 warning Service "api": docker stack deploy ignores build and runs the image; push it to a registry the nodes can pull from',
      '6:5 error Service "worker": build without an image; docker stack deploy does not build, so the service has nothing to run',
    ]);
    dockerAccepts(text);
  });
  it("takes the image from another file of the stack", () => {
    const files = [
      { name: "base.yml", text: "services:\n  api:\n    build: ./api\n" },
      { name: "prod.yml", text: "services:\n  api:\n    image: ghcr.io/busflow/api:1.0.0\n" },
    ];
    expect(check(files, "swarm/build").map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`)).toEqual(["base.yml:3:5 warning"]);
  });
  it("passes image-only services", () => {
    expect(check("services:\n  api:\n    image: nginx:1.27\n", "swarm/build")).toEqual([]);
  });
});
