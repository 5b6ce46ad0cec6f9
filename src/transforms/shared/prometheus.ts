/**
 * Where the stack's Prometheus reads its configuration, so that an exporter transform can say
 * exactly which file needs a scrape job (or a rule file) — compose-gate edits compose files
 * only; `prometheus.yml` is the user's to change, so these become precise manual steps.
 */
import path from "node:path";
import type { Project } from "../../project/project.js";
import { imageBaseName, parseImage, serviceImage } from "../../image/reference.js";

/** `ENTRYPOINT`/`CMD` of `prom/prometheus` (domain.md §7.2): the config path when none is given. */
const DEFAULT_CONFIG = "/etc/prometheus/prometheus.yml";

export interface Mount {
  /** Path inside the container. */
  target: string;
  /** A host path (relative ones are relative to the compose file), or undefined for volumes. */
  hostPath?: string;
  /** A top-level config that provides the file. */
  config?: string;
}

export interface PrometheusService {
  service: string;
  image: string;
  /** The config file path inside the container. */
  configPath: string;
  /** Where that file comes from, when it is a file of the project (bind mount or `configs:`). */
  configSource?: string;
  mounts: Mount[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function isPrometheusImage(image: string): boolean {
  return /(^|[-_])prometheus$/.test(imageBaseName(parseImage(image)));
}

export function findPrometheus(project: Project): PrometheusService[] {
  const out: PrometheusService[] = [];
  for (const service of project.services()) {
    const def = project.service(service);
    const image = serviceImage(def);
    if (!image || !isPrometheusImage(image)) continue;
    const configPath = configFlag(def?.command) ?? DEFAULT_CONFIG;
    const mounts = [...bindMounts(def?.volumes), ...configMounts(project, def?.configs)];
    out.push({ service, image, configPath, configSource: sourceOf(configPath, mounts), mounts });
  }
  return out;
}

function configFlag(command: unknown): string | undefined {
  const args = Array.isArray(command) ? command.map(String) : typeof command === "string" ? command.split(/\s+/) : [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i].replace(/^['"]|['"]$/g, "");
    if (arg.startsWith("--config.file=")) return arg.slice("--config.file=".length);
    if (arg === "--config.file" && args[i + 1]) return args[i + 1];
  }
  return undefined;
}

function bindMounts(volumes: unknown): Mount[] {
  if (!Array.isArray(volumes)) return [];
  const out: Mount[] = [];
  for (const v of volumes) {
    if (typeof v === "string") {
      const [source, target] = v.split(":");
      if (target === undefined) continue;
      out.push(isHostPath(source) ? { target, hostPath: source } : { target });
    } else if (isObject(v) && typeof v.target === "string") {
      const source = typeof v.source === "string" ? v.source : undefined;
      out.push(v.type === "bind" && source ? { target: v.target, hostPath: source } : { target: v.target });
    }
  }
  return out;
}

/** Bind sources start with `.`, `/` or `~`; anything else names a volume. */
function isHostPath(source: string): boolean {
  return /^[./~]/.test(source);
}

function configMounts(project: Project, configs: unknown): Mount[] {
  if (!Array.isArray(configs)) return [];
  const out: Mount[] = [];
  for (const c of configs) {
    const name = typeof c === "string" ? c : isObject(c) && typeof c.source === "string" ? c.source : undefined;
    if (!name) continue;
    const target = isObject(c) && typeof c.target === "string" ? c.target : `/${name}`;
    const file = project.get(["configs", name, "file"]);
    out.push({ target, config: name, ...(typeof file === "string" ? { hostPath: file } : {}) });
  }
  return out;
}

/** The host file behind a container path, through the deepest mount that covers it. */
export function hostPathFor(containerPath: string, mounts: Mount[]): string | undefined {
  const covering = mounts
    .filter((m) => containerPath === m.target || containerPath.startsWith(m.target.replace(/\/$/, "") + "/"))
    .sort((a, b) => b.target.length - a.target.length)[0];
  if (!covering?.hostPath) return undefined;
  const rest = containerPath.slice(covering.target.replace(/\/$/, "").length);
  return path.posix.normalize(covering.hostPath + rest);
}

function sourceOf(configPath: string, mounts: Mount[]): string | undefined {
  return hostPathFor(configPath, mounts);
}

/** The container path at which a project file (relative to the compose file) is visible, if any. */
export function containerPathFor(projectFile: string, mounts: Mount[]): string | undefined {
  const file = path.posix.normalize(projectFile);
  for (const m of mounts) {
    if (!m.hostPath || m.config || m.hostPath.startsWith("/") || m.hostPath.startsWith("~")) continue;
    const dir = path.posix.normalize(m.hostPath).replace(/\/$/, "");
    if (file === dir) return m.target;
    if (dir === "." || file.startsWith(dir + "/")) return path.posix.join(m.target, dir === "." ? file : file.slice(dir.length + 1));
  }
  return undefined;
}

/**
 * A scrape job in flow YAML, one line to paste under `scrape_configs:`. Swarm services that
 * run a task per node are found through Docker's `tasks.<service>` DNS name (the pattern
 * stefanprodan/swarmprom's `prometheus/conf/prometheus.yml` uses); others by service name.
 */
export function scrapeJob(job: string, service: string, port: number, perTask: boolean): string {
  return perTask
    ? `- {job_name: ${job}, dns_sd_configs: [{names: [tasks.${service}], type: A, port: ${port}}]}`
    : `- {job_name: ${job}, static_configs: [{targets: ['${service}:${port}']}]}`;
}

/** Where the scrape job goes, as a sentence naming the file when the project holds it. */
export function scrapeInstruction(prometheus: PrometheusService[], job: string, exporter: string, port: number, perTask: boolean): string {
  const snippet = scrapeJob(job, exporter, port, perTask);
  const p = prometheus[0];
  if (!p) {
    return `no Prometheus runs in this stack: have yours (on a network that reaches ${exporter}) scrape it — under scrape_configs: ${snippet}`;
  }
  const from = p.configSource
    ? `${p.configPath}, which is ${p.configSource} in this project`
    : `${p.configPath}, which is not a file of this project (it comes from the image ${p.image} or a volume)`;
  return `Prometheus (service ${p.service}) reads ${from}: add under scrape_configs: ${snippet}`;
}

/** True when a service runs an Alertmanager (alerts reach no one without one). */
export function hasAlertmanager(project: Project): boolean {
  return project.services().some((s) => {
    const image = serviceImage(project.service(s));
    return image !== undefined && /(^|[-_])alertmanager$/.test(imageBaseName(parseImage(image)));
  });
}
