/**
 * Setting a key on one service for the swarm-hardening transforms (update-config,
 * log-rotation, traefik-labels): in the file that already writes the service's value, or as an
 * override in the last editable file; text shared through an anchor is never edited for one
 * service (a service whose whole `deploy:` or `logging:` is an alias is refused with the anchor
 * named). Each refusal says what to write by hand.
 */
import type { Path } from "../../document/compose-document.js";
import { EditError } from "../../document/errors.js";
import { locateService } from "../shared/stack.js";
import type { TransformContext } from "../types.js";

/** Set `services.<service>.<rest>` to `value`; false (after a refusal) when it cannot be done safely. */
export function setOnService(ctx: TransformContext, service: string, rest: Path, value: unknown, what: string): boolean {
  const path = ["services", service, ...rest];
  const placement = ctx.project.placeSet(path);
  const at = locateService(ctx.project, service);
  if (!placement.ok) {
    ctx.refuse(`services.${service}: ${what} not written: ${placement.reason}`, at);
    return false;
  }
  try {
    placement.doc.set(path, value, { shared: "local" });
    return true;
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    ctx.refuse(`services.${service}: ${what} not written: ${error.message}`, at);
    return false;
  }
}
