/**
 * Rotation: with option `version`, declarations this transform versioned (`<key>_vM`, external)
 * move to `<key>_vN`. Services keep mounting `/run/secrets/<key>`; the new Docker object must be
 * created first (DD "Rotate a secret").
 */
import type { Project } from "../../project/project.js";
import { versionOf, versionedName } from "../../secrets/naming.js";
import type { TransformContext } from "../types.js";
import type { EnvToSecretsOptions } from "./options.js";
import type { RunLog } from "./run-log.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** With a version, move declarations this transform versioned (`<key>_vN`) to the requested version. */
export function rotateVersions(ctx: TransformContext, project: Project, options: EnvToSecretsOptions, log: RunLog): void {
  if (options.version === 0 || options.target !== "swarm") return;
  for (const doc of project.docs) {
    const secrets = doc.get(["secrets"]);
    if (!isObject(secrets)) continue;
    for (const [key, decl] of Object.entries(secrets)) {
      if (!isObject(decl) || decl.external !== true || typeof decl.name !== "string") continue;
      const current = versionOf(key, decl.name);
      if (current === undefined || current === options.version) continue;
      const wanted = versionedName(key, options.version);
      if (!project.isEditable(doc)) {
        ctx.refuse(`secret ${key} is declared as ${decl.name} in ${doc.filename}, which compose-gate may not edit; change its name to ${wanted} there`);
        continue;
      }
      doc.set(["secrets", key, "name"], wanted);
      log.edited = true;
      const location = doc.locate(["secrets", key, "name"]);
      ctx.change(`secret ${key}: ${decl.name} → ${wanted}`, location ? { location } : {});
      ctx.manual(
        `rotate ${key}: create ${wanted} with the new value (${options.script} does), update what checks the value (a database keeps its password: ALTER ROLE / ALTER USER first), then deploy; remove ${decl.name} once no service uses it`,
      );
    }
  }
}

