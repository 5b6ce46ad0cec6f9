/**
 * security/unpinned-image — an image without a tag, or tagged `latest`, changes under the
 * stack whenever the registry moves the tag: a redeploy or a node pulling fresh can run code
 * nobody reviewed. A digest pins; a `${VAR}` tag is decided at deploy time and is not judged.
 */
import { parseImage } from "../../../image/reference.js";
import { mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

function problem(image: string): string | undefined {
  if (image.includes("$")) return undefined;
  const ref = parseImage(image);
  if (ref.digest) return undefined;
  if (ref.tag === undefined) return "has no tag, so it runs whatever `latest` is at pull time";
  if (ref.tag.toLowerCase() === "latest") return "is tagged `latest`, which moves with every release";
  return undefined;
}

export default defineRule({
  id: "security/unpinned-image",
  severity: "warning",
  summary: "An image is untagged or tagged latest",
  description:
    "Untagged images resolve to `latest`, which the publisher moves with every release, so two deploys (or two " +
    "Swarm nodes) can run different code. Pin a version tag, or a digest (`image@sha256:…`) for full reproducibility. " +
    "Tags left to interpolation (`postgres:${PG_VERSION:-16}`) are not judged: the deploy environment decides them.",
  run(ctx) {
    for (const { name, def } of mergedServices(ctx.project)) {
      if (typeof def.image !== "string") continue;
      const why = problem(def.image);
      if (why) ctx.report({ path: ["services", name, "image"], message: `Service "${name}": image ${def.image} ${why}` });
    }
  },
});
