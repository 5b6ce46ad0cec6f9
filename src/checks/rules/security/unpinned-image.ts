/**
 * security/unpinned-image — an image without a tag, tagged `latest`, or tagged with another
 * tag its publisher moves (`stable`, `edge`, `nightly`, `dev`, `beta`, `canary`, `test`…)
 * changes under the stack whenever the registry moves the tag: a redeploy or a node pulling
 * fresh can run code nobody reviewed. A digest pins. An interpolated reference is judged by
 * what it deploys when its variables are unset (`nginx:${TAG:-latest}` is `nginx:latest`); one
 * whose variable has no default is decided at deploy time and is not judged.
 */
import { dependsOnEnvironment, resolveDefaults, variablesIn } from "../../../interpolation/index.js";
import { parseImage } from "../../../image/reference.js";
import { mergedServices } from "../../shared/model.js";
import { defineRule } from "../../types.js";

/**
 * Tags publishers move to a new build: the defaults of dclint's `prohibitedTags`
 * (docs/rules/service-image-require-explicit-tag-rule.md) and compose-lint's `MUTABLE_TAGS`
 * (src/compose_lint/rules/_image.py), plus the branch tags CI publishes
 * (docker/metadata-action `type=ref,event=branch`: `main`, `master`, `develop`).
 */
export const MOVING_TAGS = new Set([
  "latest",
  "stable",
  "edge",
  "nightly",
  "dev",
  "develop",
  "test",
  "beta",
  "alpha",
  "canary",
  "lts",
  "main",
  "master",
  "unstable",
]);

function problem(image: string): string | undefined {
  if (dependsOnEnvironment(image)) return undefined;
  const deployed = resolveDefaults(image);
  const ref = parseImage(deployed);
  if (ref.digest || ref.repository === "") return undefined;
  const unset = deployed === image ? "" : ` (${variablesIn(image).join(", ")} unset)`;
  const as = deployed === image ? "" : ` deploys as ${deployed}${unset} and`;
  if (ref.tag === undefined) return `${as} has no tag, so it runs whatever \`latest\` is at pull time`;
  const tag = ref.tag.toLowerCase();
  if (tag === "latest") return `${as} is tagged \`latest\`, which moves with every release`;
  if (MOVING_TAGS.has(tag)) return `${as} is tagged \`${ref.tag}\`, a tag the publisher moves to each new build`;
  return undefined;
}

export default defineRule({
  id: "security/unpinned-image",
  severity: "warning",
  summary: "An image is untagged or has a moving tag (latest, stable, edge, nightly, dev, beta, canary, …)",
  description:
    "Untagged images resolve to `latest`, which the publisher moves with every release, and so do `stable`, `edge`, " +
    "`nightly`, `dev`, `develop`, `test`, `beta`, `alpha`, `canary`, `lts`, `main`, `master` and `unstable` (the moving " +
    "tags dclint and compose-lint list, plus the branch tags docker/metadata-action publishes), so two deploys (or two " +
    "Swarm nodes) can run different code. Pin a version tag, or a digest (`image@sha256:…`) for full reproducibility " +
    "(https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html). An interpolated reference is " +
    "judged by what it deploys with its variables unset (`nginx:${TAG:-latest}` is latest); one whose variable has no " +
    "default (`postgres:${PG_VERSION}`) is decided by the deploy environment and is not judged.",
  run(ctx) {
    for (const { name, def } of mergedServices(ctx.project)) {
      if (typeof def.image !== "string") continue;
      const why = problem(def.image);
      if (why) ctx.report({ path: ["services", name, "image"], message: `Service "${name}": image ${def.image}${why.startsWith(" ") ? "" : " "}${why}` });
    }
  },
});
