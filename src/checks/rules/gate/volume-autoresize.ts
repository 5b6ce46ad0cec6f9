/**
 * gate/volume-autoresize — pre-first-client gate item 4, "with auto-resize via GitHub Actions
 * workflow": a Hetzner Cloud Volume holds the stack's data, and no workflow of the repository
 * grows it. Workflows are read from the repository's `.github/workflows/` through the
 * project's files (the CLI gives them; without them every volume is reported). One finding
 * per volume, at the first mount that writes to it.
 */
import { hetznerDataVolumes } from "../../../project/data-placement.js";
import { growsVolume, repositoryWorkflows, WORKFLOWS_FOLDER } from "../../../project/resize-workflows.js";
import { defineRule } from "../../types.js";

export default defineRule({
  id: "gate/volume-autoresize",
  severity: "error",
  summary: "A Hetzner Cloud Volume holds data, and no GitHub workflow grows it before it fills up",
  description:
    "Pre-first-client gate item 4 asks for the volume alerts to come with an auto-resize through a GitHub Actions " +
    "workflow: when the volume Postgres writes to fills up, Postgres stops. Open for each Hetzner Cloud Volume a " +
    "service writes to (a writable bind mount under /mnt/HC_Volume_<id>, or a named volume bound there) that no " +
    "workflow under .github/workflows grows: a workflow counts when it speaks of resizing and names the volume " +
    "(HC_Volume_<id>, or the API path volumes/<id>/actions/resize).",
  fix: "volume-autoresize",
  run(ctx) {
    const volumes = hetznerDataVolumes(ctx.project);
    if (volumes.length === 0) return;
    const workflows = ctx.files ? repositoryWorkflows(ctx.files) : [];
    for (const volume of volumes) {
      if (workflows.some((w) => growsVolume(w.text, volume.id))) continue;
      const use = volume.uses[0];
      const none = workflows.length === 0 ? `no workflow under ${WORKFLOWS_FOLDER}` : `none of the workflows under ${WORKFLOWS_FOLDER}`;
      ctx.report({
        path: ["services", use.service, "volumes", use.index],
        message: `Service "${use.service}" keeps ${use.target} on Hetzner volume ${volume.id}, and ${none} grows it when it fills up`,
      });
    }
  },
});
