/**
 * Which GitHub workflows grow a Hetzner Cloud Volume. GitHub runs workflows only from
 * `.github/workflows/` (docs.github.com, "Workflow syntax for GitHub Actions"), so that folder
 * of the repository is all there is to read. A workflow grows volume `<id>` when it speaks of
 * resizing and names the volume the way a resize must: its mount point or device
 * (`HC_Volume_<id>`), or its API path (`volumes/<id>/actions/resize`). The one compose-gate
 * writes names every volume as `<id>=/mnt/HC_Volume_<id>`.
 */
import type { ProjectFiles } from "./files.js";

export const WORKFLOWS_FOLDER = ".github/workflows";

export interface WorkflowFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

/** Every workflow file of the repository (`.yml` and `.yaml`), by name. */
export function repositoryWorkflows(files: ProjectFiles): WorkflowFile[] {
  const out: WorkflowFile[] = [];
  for (const name of files.list(WORKFLOWS_FOLDER, "repository")) {
    if (!/\.ya?ml$/.test(name)) continue;
    const path = `${WORKFLOWS_FOLDER}/${name}`;
    const text = files.read(path, "repository");
    if (text !== undefined) out.push({ path, text });
  }
  return out;
}

/** Does the workflow `text` grow the Hetzner volume with this id? */
export function growsVolume(text: string, id: string): boolean {
  if (!/resize/i.test(text)) return false;
  return new RegExp(`HC_Volume_${id}(?![0-9])|volumes/${id}/actions/resize`).test(text);
}
