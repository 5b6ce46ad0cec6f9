/**
 * gate/plaintext-secret — pre-first-client gate item 2: every secret reaches its service as a
 * plaintext environment variable, "visible via `docker inspect`". A variable is closed when it
 * is gone or became `NAME_FILE` (or Grafana's `NAME__FILE`) pointing at a Docker secret, which is
 * what env-to-secrets writes. A secret the image cannot read from a file stays a `${VAR}`
 * reference after env-to-secrets (which reports a manual step), so it stays open here too, as a
 * warning that says what can be done about it.
 */
import { fileVariableFor, isFileVariable, knownWithoutFile } from "../../../secrets/file-capable.js";
import { environmentOf } from "../../shared/environment.js";
import { mergedServices } from "../../shared/model.js";
import { exposureOf, type Exposure } from "../../shared/secret-values.js";
import { defineRule } from "../../types.js";

/** What can be done about a secret passed by reference, given what the image can read. */
function advice(image: string | undefined, name: string): string {
  const fileVariable = fileVariableFor(image, name);
  if (image && fileVariable) return `${image} reads ${fileVariable}, so it can come from a Docker secret`;
  const without = image ? knownWithoutFile(image) : undefined;
  if (image && without) {
    const route =
      without.shell === "yes" && without.start
        ? "env-to-secrets wraps its start in an entrypoint shim that reads it from /run/secrets"
        : without.shell === "yes"
          ? "read it from /run/secrets in an entrypoint shim (the image has /bin/sh) or a derived image"
          : without.shell === "none"
            ? "the image has no shell for an entrypoint shim, so read it from /run/secrets in a derived image"
            : "read it from /run/secrets in an entrypoint shim if the image has /bin/sh, else in a derived image";
    return `${image} reads no _FILE variable: ${route}, or suppress this finding with a reason`;
  }
  const subject = image ?? "this service's image";
  return `compose-gate does not know whether ${subject} can read ${name} from a file: if it reads ${name}_FILE, list the image in env-to-secrets' option fileCapableImages; otherwise read it from /run/secrets in a shim or a derived image, or suppress this finding with a reason`;
}

function message(service: string, name: string, image: string | undefined, exposure: Exposure): string {
  const head = `Service "${service}": ${name} ${exposure.what}`;
  if (exposure.severity === "info") {
    return `${head}; a license key usually identifies an account rather than granting access, but if this one is private, add ${name} to env-to-secrets' option include and move it to a Docker secret`;
  }
  if (exposure.kind === "literal") return `${head} (readable in the repository and via docker inspect); move it to a Docker secret`;
  return `${head}, a plaintext environment variable visible via docker inspect; ${advice(image, name)}`;
}

export default defineRule({
  id: "gate/plaintext-secret",
  severity: "error",
  summary: "A secret is passed as a plaintext environment variable instead of a Docker secret",
  description:
    "Pre-first-client gate item 2: secrets passed as environment variables are visible via `docker inspect`; Docker " +
    "secrets are encrypted at rest in the Raft log and mounted as in-memory files under /run/secrets " +
    "(https://docs.docker.com/engine/swarm/secrets/). A literal value in the file is an error; a ${VAR} reference (or " +
    "a bare KEY passed through from the shell) is a warning, because the value still reaches the container as " +
    "plaintext, and so is text mixed with ${VAR} (a JSON or URL template around a reference), which env-to-secrets " +
    "cannot move as it is. A quantity under a counting name (OPENAI_MAX_TOKENS: 30, PASSWORD_MIN_LENGTH: 8) is a " +
    "setting, not a secret; a literal LICENSE_KEY is info. Names are matched by the rules env-to-secrets and output " +
    "masking use (docs/checks.md); connection URLs with an embedded password count whatever their name. Images that " +
    "read NAME_FILE (postgres, mysql, mariadb, minio, grafana's __FILE, postgres-exporter, …) can take the secret " +
    "directly; others need a shim or a derived image (docs/transforms/env-to-secrets.md).",
  fix: "env-to-secrets",
  run(ctx) {
    for (const { name: service, def } of mergedServices(ctx.project)) {
      const image = typeof def.image === "string" ? def.image : undefined;
      for (const v of environmentOf(ctx.project, service)) {
        if (isFileVariable(v.name)) continue;
        const exposure = exposureOf(v.name, v.value, ctx.secretRules);
        if (!exposure) continue;
        ctx.report({
          path: v.path,
          doc: v.doc,
          service,
          severity: exposure.severity ?? (exposure.kind === "literal" ? "error" : "warning"),
          message: message(service, v.name, image, exposure),
        });
      }
    }
  },
});
