/**
 * Loki (logs, retention on), Tempo (traces, OTLP on 0.0.0.0) and the Alloy that feeds both from
 * every node. A service the spec already has keeps its image, volumes and comments; it gets the
 * configuration file it lacks, pointed at its own data volume.
 */
import type { Component } from "./components.js";
import { IMAGES } from "./components.js";
import { alloyLogsConfig } from "./configs/alloy.js";
import { lokiConfig } from "./configs/loki.js";
import { tempoConfig } from "./configs/tempo.js";
import { addService, changed, declareVolume, grantFile, limit, networksFor, refused, type Run } from "./run.js";
import { appendArgs, configTargets, dataDir, flagValue } from "./service-edits.js";

interface Store {
  component: Extract<Component, "loki" | "tempo">;
  defaultDir: string;
  target: string;
  file: string;
  render: (dataDir: string) => string;
  what: string;
}

function store(run: Run, s: Store): void {
  const existing = run.names.get(s.component);
  const name = existing ?? s.component;
  if (!existing) {
    run.names.set(s.component, name);
    const volume = `${s.component}-data`;
    addService(run, name, { image: IMAGES[s.component], command: [`-config.file=${s.target}`], volumes: [`${volume}:${s.defaultDir}`], networks: networksFor(run, false) }, s.what);
    declareVolume(run, volume);
  }
  wireStore(run, s, name, existing !== undefined);
  limit(run, name, s.component);
}

function wireStore(run: Run, s: Store, name: string, existing: boolean): void {
  if (configTargets(run.doc, name).has(s.target)) return;
  const own = flagValue(run.doc, name, "config.file");
  if (own && own !== s.target) {
    refused(run, name, `reads its own configuration (${own}): compose-gate leaves it; check it keeps data no longer than ${run.o.retentionDays} days`);
    return;
  }
  const data = dataDir(run.doc, name) ?? s.defaultDir;
  if (!own && !appendArgs(run.doc, name, [`-config.file=${s.target}`])) {
    refused(run, name, `its command is one string: compose-gate cannot add -config.file=${s.target} to it safely`);
    return;
  }
  grantFile(run, name, { key: `${s.component}_config`, file: s.file, target: s.target, content: s.render(data), description: `${s.component === "loki" ? "Loki" : "Tempo"} configuration` });
  if (existing) changed(run, name, `reads ${s.file}: data under ${data}, ${s.what}`);
}

export function loki(run: Run): void {
  store(run, {
    component: "loki",
    defaultDir: "/loki",
    target: "/etc/loki/loki.yml",
    file: run.files.loki,
    render: (d) => lokiConfig({ dataDir: d, retentionHours: run.o.retentionDays * 24 }),
    what: `stores the logs, deletes them after ${run.o.retentionDays} days`,
  });
}

export function tempo(run: Run): void {
  store(run, {
    component: "tempo",
    defaultDir: "/var/tempo",
    target: "/etc/tempo/tempo.yml",
    file: run.files.tempo,
    render: (d) => tempoConfig({ dataDir: d, retentionHours: run.o.retentionDays * 24 }),
    what: `stores traces received over OTLP on 0.0.0.0:4317/4318, deletes them after ${run.o.retentionDays} days`,
  });
}

/** The Alloy that ships every container's logs and receives OTLP: one task per node. */
export function alloy(run: Run): void {
  const existing = run.names.get("alloy");
  const name = existing ?? "alloy";
  const target = "/etc/alloy/config.alloy";
  if (!existing) {
    run.names.set("alloy", name);
    addService(
      run,
      name,
      {
        image: IMAGES.alloy,
        command: ["run", "--server.http.listen-addr=0.0.0.0:12345", "--storage.path=/var/lib/alloy/data", target],
        // Read-only: Alloy only lists containers and reads their logs (security/docker-socket, deliberately).
        volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"],
        networks: networksFor(run, true),
        ...(run.target === "swarm" ? { deploy: { mode: "global" } } : {}),
      },
      run.target === "swarm" ? "one task per node ships its containers' logs to Loki and receives OTLP traces" : "ships the containers' logs to Loki and receives OTLP traces",
    );
  }
  wireAlloy(run, name, existing !== undefined);
  limit(run, name, "alloy");
}

function wireAlloy(run: Run, name: string, existing: boolean): void {
  const target = "/etc/alloy/config.alloy";
  if (configTargets(run.doc, name).has(target)) return;
  const command = run.doc.get(["services", name, "command"]);
  if (existing && command !== undefined) {
    refused(run, name, "runs with its own command and configuration: compose-gate leaves it; make sure it ships container logs to Loki");
    return;
  }
  if (existing) {
    appendArgs(run.doc, name, ["run", "--server.http.listen-addr=0.0.0.0:12345", "--storage.path=/var/lib/alloy/data", target]);
    const volumes = run.doc.get(["services", name, "volumes"]);
    const socket = Array.isArray(volumes) && volumes.some((v) => JSON.stringify(v).includes("/var/run/docker.sock"));
    if (!socket) run.doc.append(["services", name, "volumes"], "/var/run/docker.sock:/var/run/docker.sock:ro");
    if (run.target === "swarm" && !run.doc.has(["services", name, "deploy", "mode"])) run.doc.set(["services", name, "deploy", "mode"], "global");
  }
  const content = alloyLogsConfig({ loki: run.names.get("loki")!, tempo: run.names.get("tempo")!, target: run.target });
  grantFile(run, name, { key: "alloy_config", file: run.files.alloy, target, content, description: "Alloy configuration: container logs to Loki, OTLP traces to Tempo" });
  if (existing) changed(run, name, `reads ${run.files.alloy}: container logs to Loki, OTLP to Tempo`);
}
