/**
 * Grafana: the admin password from a Docker secret through Grafana's `__FILE` suffix
 * (`GF_SECURITY_ADMIN_PASSWORD__FILE`, grafana/grafana `packaging/docker/run.sh` reads any
 * `GF_<SECTION>_<KEY>__FILE`), sign-up off (`GF_USERS_ALLOW_SIGN_UP=false`; the demos' anonymous
 * admin settings are never copied), the data sources and dashboards provisioned from files, and
 * — when the app stack runs Traefik — published through it on the shared network.
 */
import { hasInterpolation } from "../../interpolation/index.js";
import type { Project } from "../../project/project.js";
import { IMAGES } from "./components.js";
import { dashboardProvider, datasources, DASHBOARDS_DIR, GRAFANA_PORT, PROVISIONING_DIR } from "./configs/grafana.js";
import { postgresDashboard } from "./dashboards/postgres.js";
import { volumeUsageDashboard } from "./dashboards/volume-usage.js";
import { metricsUrl } from "./metrics-store.js";
import { SECRETS } from "./names.js";
import { addService, changed, declareVolume, grantFile, limit, networksFor, refused, secretDeclaration, type Run } from "./run.js";
import { joinNetwork, preferredEnvForm } from "../shared/stack.js";
import { configTargets, grantSecret } from "./service-edits.js";
import { findTraefik, grafanaLabels, routedHosts, type Traefik } from "./traefik.js";

export interface GrafanaResult {
  /** The secret a person must fill, when it was granted in this run. */
  secret?: string;
  /** The host Grafana is published at, when labels were added in this run. */
  published?: string;
}

/** The host Grafana is served at: the option, GF_SERVER_ROOT_URL's host, or grafana.<the app's domain>. */
function grafanaHost(run: Run, app: Project, service: string): string | undefined {
  if (run.o.grafanaHost) return run.o.grafanaHost;
  const root = run.doc.getEnv(service, "GF_SERVER_ROOT_URL")?.value;
  const fromRoot = root ? /^https?:\/\/([^/:$]+)/.exec(root)?.[1] : undefined;
  if (fromRoot) return fromRoot;
  const host = routedHosts(app).find((h) => h.split(".").length >= 3 && !h.includes("$"));
  return host ? `grafana.${host.split(".").slice(1).join(".")}` : undefined;
}

function provision(run: Run, name: string): void {
  const ds = datasources({
    store: run.store,
    metrics: metricsUrl(run),
    loki: `http://${run.names.get("loki")}:3100`,
    tempo: `http://${run.names.get("tempo")}:3200`,
  });
  const grants = [
    { key: "grafana_datasources", file: run.files.datasources, target: `${PROVISIONING_DIR}/datasources/compose-gate.yml`, content: ds, description: "Grafana data sources with fixed uids" },
    { key: "grafana_dashboard_provider", file: run.files.dashboardProvider, target: `${PROVISIONING_DIR}/dashboards/compose-gate.yml`, content: dashboardProvider(), description: "Grafana dashboard provider" },
    {
      key: "grafana_dashboard_volume_usage",
      file: run.files.volumeDashboard,
      target: `${DASHBOARDS_DIR}/volume-usage.json`,
      content: volumeUsageDashboard({ job: run.o.nodeJob, warningPercent: 80, criticalPercent: 90 }),
      description: "Grafana dashboard: volume usage per mount",
    },
    {
      key: "grafana_dashboard_postgres",
      file: run.files.postgresDashboard,
      target: `${DASHBOARDS_DIR}/postgres.json`,
      content: postgresDashboard({ job: run.o.postgresJob }),
      description: "Grafana dashboard: Postgres health",
    },
  ];
  const added = grants.filter((g) => grantFile(run, name, g));
  if (added.length > 0) changed(run, name, `provisioned: ${added.map((g) => g.description.replace(/^Grafana /, "")).join("; ")}`);
}

function password(run: Run, name: string): string | undefined {
  const env = (n: string) => run.doc.getEnv(name, n);
  const path = `/run/secrets/${SECRETS.grafana}`;
  if (!env("GF_SECURITY_ADMIN_PASSWORD__FILE")) {
    const plain = env("GF_SECURITY_ADMIN_PASSWORD");
    // Grafana's run.sh stops when both are set, so the plain variable goes.
    if (plain?.sharedVia) {
      // Removing it from the anchor would change every service that merges it.
      refused(run, name, `GF_SECURITY_ADMIN_PASSWORD comes from the anchor &${plain.sharedVia}, shared with other services: remove it there (Grafana then reads the secret grafana_admin_password through GF_SECURITY_ADMIN_PASSWORD__FILE)`);
      return undefined;
    }
    if (plain) {
      run.doc.deleteEnv(name, "GF_SECURITY_ADMIN_PASSWORD");
      plainPasswordStep(run, name, typeof plain.value === "string" && !hasInterpolation(plain.value));
    }
    run.doc.setEnv(name, "GF_SECURITY_ADMIN_PASSWORD__FILE", path);
  } else if (env("GF_SECURITY_ADMIN_PASSWORD__FILE")?.value !== path) {
    return undefined;
  }
  if (!grantSecret(run.doc, name, SECRETS.grafana, secretDeclaration(run, SECRETS.grafana))) return undefined;
  changed(run, name, `admin password read from the secret ${SECRETS.grafana} (GF_SECURITY_ADMIN_PASSWORD__FILE)`);
  return SECRETS.grafana;
}

/**
 * Grafana reads the admin password only when it creates its database (`admin_password`: "Set
 * once on first-run", Grafana's configuration docs), so a running Grafana keeps the one it has:
 * the secret must hold that one, and a password that was written in the file is in git history.
 */
function plainPasswordStep(run: Run, name: string, literal: boolean): void {
  const from = literal ? `its value was written in ${run.doc.filename}` : "its value came from the deploy environment";
  const rotate = literal ? "; then change it (grafana cli admin reset-admin-password, and the secret to match): the old value stays in git history" : "";
  const location = run.doc.locate(["services", name]);
  run.ctx.manual(
    `${name}: GF_SECURITY_ADMIN_PASSWORD now comes from the secret ${SECRETS.grafana} (${from}): put the current admin password in that secret — Grafana uses the variable only when it first creates its database, so a running Grafana keeps its password${rotate}`,
    { service: name, ...(location ? { location } : {}) },
  );
}

/** Where Grafana is to be published through the app's Traefik, or undefined (and why, reported). */
function publishing(run: Run, app: Project, name: string, appNetwork: string | undefined): { traefik: Traefik; host: string } | undefined {
  const traefik = findTraefik(app);
  if (!traefik || !appNetwork) return undefined;
  const labels = run.doc.get(labelsPath(run, name));
  const present = Array.isArray(labels) ? labels.map(String) : labels && typeof labels === "object" ? Object.keys(labels) : [];
  if (present.some((l) => l.startsWith("traefik."))) return undefined;
  const host = grafanaHost(run, app, name);
  if (!host) {
    refused(run, name, `not published through ${traefik.service}: no host name is known (set option grafanaHost)`);
    return undefined;
  }
  return { traefik, host };
}

const labelsPath = (run: Run, name: string) => (run.target === "swarm" ? ["services", name, "deploy", "labels"] : ["services", name, "labels"]);

function publish(run: Run, name: string, p: { traefik: Traefik; host: string }): void {
  const path = labelsPath(run, name);
  joinNetwork(run.doc, name, run.shared);
  for (const label of grafanaLabels(p.traefik, { router: name, host: p.host, port: GRAFANA_PORT, network: run.o.network })) {
    const labels = run.doc.get(path);
    if (Array.isArray(labels) || labels === undefined) run.doc.append(path, label);
    else {
      const [k, ...v] = label.split("=");
      run.doc.set([...path, k], v.join("="));
    }
  }
  if (!run.doc.getEnv(name, "GF_SERVER_ROOT_URL")) run.doc.setEnv(name, "GF_SERVER_ROOT_URL", `https://${p.host}`);
  changed(run, name, `published through ${p.traefik.service} at https://${p.host} (labels under ${path.slice(2).join(".")}, on network ${run.o.network})`);
}

export function grafana(run: Run, app: Project, appNetwork: string | undefined): GrafanaResult {
  const existing = run.names.get("grafana");
  const name = existing ?? "grafana";
  if (!existing) {
    run.names.set("grafana", name);
    const p = publishing(run, app, name, appNetwork);
    const env: [string, string][] = [
      ["GF_SECURITY_ADMIN_PASSWORD__FILE", `/run/secrets/${SECRETS.grafana}`],
      ["GF_USERS_ALLOW_SIGN_UP", "false"],
      ...(p ? ([["GF_SERVER_ROOT_URL", `https://${p.host}`]] as [string, string][]) : []),
    ];
    const form = preferredEnvForm(run.doc);
    addService(
      run,
      name,
      {
        image: IMAGES.grafana,
        environment: form === "list" ? env.map(([k, v]) => `${k}=${v}`) : Object.fromEntries(env),
        volumes: ["grafana-data:/var/lib/grafana"],
        networks: networksFor(run, p !== undefined),
      },
      "dashboards for metrics, logs and traces",
    );
    declareVolume(run, "grafana-data");
  }
  const secret = password(run, name);
  if (existing && !run.doc.getEnv(name, "GF_USERS_ALLOW_SIGN_UP")) {
    run.doc.setEnv(name, "GF_USERS_ALLOW_SIGN_UP", "false");
    changed(run, name, "sign-up off (GF_USERS_ALLOW_SIGN_UP=false)");
  }
  const ownProvisioning = [...configTargets(run.doc, name).keys()].some((t) => t.startsWith(PROVISIONING_DIR) && !t.endsWith("/compose-gate.yml"));
  const mounted = JSON.stringify(run.doc.get(["services", name, "volumes"]) ?? []).includes(PROVISIONING_DIR);
  if (ownProvisioning || mounted) refused(run, name, `provisions from its own files under ${PROVISIONING_DIR}: add the compose-gate data sources and dashboards there`);
  else provision(run, name);
  const p = publishing(run, app, name, appNetwork);
  if (p) publish(run, name, p);
  limit(run, name, "grafana");
  return { ...(secret ? { secret } : {}), ...(p ? { published: p.host } : {}) };
}
