/**
 * swarm/duplicate-port — two services (or two entries of one) publish the same port. Under
 * Swarm a published port belongs to the whole cluster (the routing mesh listens on it on every
 * node), and `docker stack deploy` fails for the second service with "port '8080' is already in
 * use"; `docker stack config` does not notice. Under docker compose the second container fails
 * to bind. Host addresses do not separate them under Swarm, which ignores them.
 */
import { dependsOnEnvironment, resolveDefaults } from "../../../interpolation/index.js";
import type { Path } from "../../../document/compose-document.js";
import { listItems, mergedServices } from "../../shared/model.js";
import { parsePort } from "../../shared/ports.js";
import { defineRule } from "../../types.js";

/** Ranges wider than this are not expanded (nobody publishes more; the bound keeps a typo cheap). */
const MAX_RANGE = 1024;

/** The published ports of an entry (`8000-8002` is three), with its protocol; none for an unpublished or interpolated one. */
function published(entry: unknown): { ports: number[]; protocol: string } | undefined {
  const port = parsePort(entry);
  if (!port || port.published === undefined || port.published === "" || dependsOnEnvironment(port.published)) return undefined;
  const protocol = typeof entry === "object" && entry !== null ? String((entry as { protocol?: unknown }).protocol ?? "tcp") : (/\/([a-z]+)$/i.exec(String(entry).trim())?.[1] ?? "tcp");
  const text = resolveDefaults(port.published);
  const range = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!range) return undefined;
  const from = Number(range[1]);
  const to = range[2] === undefined ? from : Number(range[2]);
  if (to < from || to - from > MAX_RANGE) return undefined;
  return { ports: Array.from({ length: to - from + 1 }, (_, i) => from + i), protocol: protocol.toLowerCase() };
}

export default defineRule({
  id: "swarm/duplicate-port",
  severity: "error",
  summary: "Two services publish the same port",
  description:
    "A published port is cluster-wide under Swarm: the routing mesh listens on it on every node, so a second service " +
    "publishing it fails to deploy (\"port '8080' is already in use by service …\"), while `docker stack config` " +
    "accepts the file (probe). Under docker compose the second container fails to bind the port. Host addresses do " +
    "not help under Swarm, which ignores them (see swarm/host-ip-port). Ranges are expanded; ports left to a variable " +
    "without a default are decided at deploy time and are not compared; a `${PORT:-8080}` counts as its default. " +
    "Reported at the later entry, naming the earlier one.",
  run(ctx) {
    const seen = new Map<string, { service: string; path: Path }>();
    for (const { name } of mergedServices(ctx.project)) {
      for (const item of listItems(ctx.project, ["services", name, "ports"])) {
        const entry = published(item.value);
        if (!entry) continue;
        const clash = entry.ports.map((p) => ({ p, first: seen.get(`${p}/${entry.protocol}`) })).find((c) => c.first);
        for (const p of entry.ports) if (!seen.has(`${p}/${entry.protocol}`)) seen.set(`${p}/${entry.protocol}`, { service: name, path: item.path });
        if (!clash?.first) continue;
        const other = clash.first.service === name ? "another of its own ports entries" : `service "${clash.first.service}"`;
        ctx.report({
          path: item.path,
          doc: item.doc,
          message: `Service "${name}" publishes port ${clash.p}/${entry.protocol}, which ${other} publishes too: the second one fails to deploy ("port is already in use")`,
        });
      }
    }
  },
});
