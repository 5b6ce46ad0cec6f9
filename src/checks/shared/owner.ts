/**
 * Who a file-level finding under `services.<name>` is about. A key written in the service is
 * the service's; a key the service merges in (`<<: *defaults`) is written once, under the
 * anchor, and every service that merges it inherits the problem — reported once, there, for
 * no single service (`getsentry/self-hosted` merges `pull_policy` into 48 services).
 *
 * YAML requires an anchor before its aliases, so merged text always lies before the key of
 * the service that merges it, and the service's own keys after it.
 */
import type { ComposeDocument, Path } from "../../document/compose-document.js";

export interface Owner {
  /** Starts the message: `Service "web"` or `Services merging this anchor`. */
  label: string;
  /** The service to attribute the finding to; null for text shared through an anchor. */
  service: string | null;
}

export function ownerOf(doc: ComposeDocument, service: string, path: Path): Owner {
  const at = doc.locate(path);
  const serviceAt = doc.locate(["services", service]);
  const merged = at && serviceAt && (at.line < serviceAt.line || (at.line === serviceAt.line && at.column < serviceAt.column));
  return merged ? { label: "Services merging this anchor", service: null } : { label: `Service "${service}"`, service };
}
