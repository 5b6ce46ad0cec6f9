/**
 * swarm/build — docker stack deploy never builds: `build` is in docker/cli's
 * UnsupportedProperties and ignored. The service runs `image:`, which must be pushed to a
 * registry every node can pull from; without an image the service cannot start at all.
 */
import { fileServices } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "swarm/build",
  severity: "warning",
  summary: "A service has build settings, which docker stack deploy ignores",
  description:
    "docker stack deploy ignores `build` (UnsupportedProperties in docker/cli cli/compose/types/types.go): build and push the " +
    "image in CI and reference it by tag in `image:`. A service with `build` and no `image` is an error: `docker stack " +
    "config` accepts it, but deploying fails with \"ContainerSpec: image reference must be provided\" " +
    "(getsentry/self-hosted#264, DeviaVir/zenbot#1072).",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      const path = ["services", name, "build"];
      if (!doc.has(path)) continue;
      const hasImage = typeof ctx.project.service(name)?.image === "string";
      const owner = ownerOf(doc, name, path);
      ctx.report({
        path,
        doc,
        service: owner.service,
        severity: hasImage ? "warning" : "error",
        message: hasImage
          ? `${owner.label}: docker stack deploy ignores build and runs the image; push it to a registry the nodes can pull from`
          : `${owner.label}: build without an image; docker stack deploy does not build, so the service has nothing to run`,
      });
    }
  },
});
