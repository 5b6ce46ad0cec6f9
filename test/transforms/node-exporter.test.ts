import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import nodeExporter from "../../src/transforms/node-exporter.js";
import { volumeUsageRules, type RuleOptions } from "../../src/transforms/node-exporter/rules.js";
import { findNodeExporters } from "../../src/transforms/node-exporter/service.js";
import { containerPathFor, findPrometheus, hostPathFor, scrapeJob } from "../../src/transforms/shared/prometheus.js";
import { deployTarget } from "../../src/transforms/shared/stack.js";
import { corpusFiles, repoRoot, yaml } from "../_utils.js";
import { promtoolTestRules } from "../support/tools.js";
import { checkRules, dockerCli, goldenStackVerdicts, leakedSentinels, loadTransforms, model, noteMissingTools, output, promtool, run, stackConfig, testRules, undocumentedOptions, withSentinelSecrets } from "./gate-helpers.js";
noteMissingTools();

const busflow = readFileSync(path.join(repoRoot, "examples/busflow/docker-compose.production.yml"), "utf8");
const defaults: RuleOptions = { job: "node", warningPercent: 80, criticalPercent: 90, for: "5m" };
const projectOf = (text: string) => new Project([parseCompose(text)]);

/** One filesystem's series for promtool: size 100, `avail` free, readonly flag. */
function filesystem(labels: string, avail: number, readonly = 0): string[] {
  return [
    `      - series: 'node_filesystem_size_bytes{${labels}}'`,
    "        values: '100x20'",
    `      - series: 'node_filesystem_avail_bytes{${labels}}'`,
    `        values: '${avail}x20'`,
    `      - series: 'node_filesystem_readonly{${labels}}'`,
    `        values: '${readonly}x20'`,
  ];
}

function firing(job: string, device: string, mountpoint: string, severity: string, used: number, threshold: number, forText: string): string[] {
  return [
    `          - exp_labels: {severity: ${severity}, job: ${job}, instance: "db:9100", device: ${device}, mountpoint: ${mountpoint}, fstype: ext4}`,
    "            exp_annotations:",
    `              summary: 'Filesystem ${mountpoint} on db:9100 is ${used.toFixed(1)}% full'`,
    `              description: 'Device ${device} (ext4) has been more than ${threshold}% used for ${forText}.'`,
  ];
}

/**
 * Two disks at 85 % and 95 % used, plus a tmpfs and another job's disk at 95 % that must never
 * alert; checked before and after the `for:` delay.
 */
function unitTest(o: RuleOptions): string {
  const at = (device: string, mount: string, fstype = "ext4") => `job="${o.job}",instance="db:9100",device="${device}",mountpoint="${mount}",fstype="${fstype}"`;
  const forMinutes = Number(o.for.replace("m", ""));
  return [
    "rule_files: [rules.yml]",
    "evaluation_interval: 1m",
    "tests:",
    "  - interval: 1m",
    "    input_series:",
    ...filesystem(at("/dev/sdb", "/mnt/volume"), 15),
    ...filesystem(at("/dev/sdc", "/mnt/data"), 5),
    ...filesystem(at("tmpfs", "/run", "tmpfs"), 5),
    ...filesystem(`job="other",instance="db:9100",device="/dev/sde",mountpoint="/mnt/other",fstype="ext4"`, 5),
    "    alert_rule_test:",
    `      - eval_time: ${forMinutes - 1}m`,
    "        alertname: VolumeDiskUsageWarning",
    "        exp_alerts: []",
    `      - eval_time: ${forMinutes + 1}m`,
    "        alertname: VolumeDiskUsageWarning",
    "        exp_alerts:",
    ...firing(o.job, "/dev/sdc", "/mnt/data", "warning", 95, o.warningPercent, o.for),
    ...firing(o.job, "/dev/sdb", "/mnt/volume", "warning", 85, o.warningPercent, o.for),
    `      - eval_time: ${forMinutes + 1}m`,
    "        alertname: VolumeDiskUsageCritical",
    "        exp_alerts:",
    ...firing(o.job, "/dev/sdc", "/mnt/data", "critical", 95, o.criticalPercent, o.for),
  ].join("\n");
}

describe("node-exporter: options", () => {
  it("gives every option a description and a default", () => {
    expect(undocumentedOptions(nodeExporter)).toEqual([]);
  });

  it("documents every option in docs/transforms/node-exporter.md", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/transforms/node-exporter.md"), "utf8");
    for (const key of Object.keys(nodeExporter.options.shape)) expect(doc, key).toContain(`\`${key}\``);
  });

  it("rejects a warning threshold at or above the critical one", () => {
    expect(() => run(nodeExporter, busflow, { "node-exporter": { warningPercent: 90, criticalPercent: 90 } })).toThrow(/warningPercent/);
  });
});

describe("node-exporter: alert rules", () => {
  it.skipIf(!promtool)("pass promtool check rules", () => {
    const result = checkRules(volumeUsageRules(defaults));
    expect(result.ok, result.stdout + result.stderr).toBe(true);
    expect(result.stdout).toContain("SUCCESS: 2 rules found");
  });

  it.skipIf(!promtool)("fire warning at 85 % and critical at 95 %, only for real disks of the job", () => {
    const result = testRules(volumeUsageRules(defaults), unitTest(defaults));
    expect(result.ok, result.stdout + result.stderr).toBe(true);
  });

  it.skipIf(!promtool)("pass the committed unit tests: 70 % nothing, 85 % warning only, 95 % critical, read-only under Swarm too", () => {
    const unit = readFileSync(path.join(repoRoot, "test/transforms/node-exporter/volume-usage.promtool.yml"), "utf8");
    const result = promtoolTestRules(unit, { "volume-usage.yml": volumeUsageRules(defaults) });
    expect(result.ok, result.stdout + result.stderr).toBe(true);
    expect(result.stdout).toContain("SUCCESS");
  });

  it.skipIf(!promtool)("would fail the committed unit tests if they kept the read-only filter", () => {
    const unit = readFileSync(path.join(repoRoot, "test/transforms/node-exporter/volume-usage.promtool.yml"), "utf8");
    const withFilter = volumeUsageRules(defaults).replace(/(\) \* 100 > \d+)\n/g, '$1\n          and on (instance, device, mountpoint) node_filesystem_readonly{job="node"} == 0\n');
    expect(withFilter).toContain("node_filesystem_readonly");
    expect(promtoolTestRules(unit, { "volume-usage.yml": withFilter }).ok).toBe(false);
  });

  it.skipIf(!promtool)("follow the job, thresholds and delay given as options", () => {
    const custom: RuleOptions = { job: "hosts", warningPercent: 80, criticalPercent: 90, for: "10m" };
    const result = testRules(volumeUsageRules(custom), unitTest(custom));
    expect(result.ok, result.stdout + result.stderr).toBe(true);
  });

  it.skipIf(!promtool)("would catch a wrong threshold: 95 % is not above a 97 % critical line", () => {
    const result = testRules(volumeUsageRules({ ...defaults, criticalPercent: 97 }), unitTest(defaults));
    expect(result.ok).toBe(false);
  });

  it("are written once, as an extra file at the configured path", () => {
    const result = run(nodeExporter, busflow, { "node-exporter": { rulesFile: "ops/disk.yml" } });
    expect(result.extras.map((e) => e.path)).toEqual(["ops/disk.yml"]);
    expect(result.extras[0].content).toBe(volumeUsageRules(defaults));
  });
});

describe("node-exporter: the service", () => {
  it("runs one task per node on Swarm and leaves out pid: host, which stack deploy ignores", () => {
    const service = model(output(run(nodeExporter, busflow))).services["node-exporter"];
    expect(service.deploy).toEqual({ mode: "global" });
    expect(service.pid).toBeUndefined();
    expect(service.volumes).toEqual(["/:/host:ro,rslave"]);
    expect(service.command[0]).toBe("--path.rootfs=/host");
  });

  it("shares the host PID namespace under docker compose", () => {
    const service = model(output(run(nodeExporter, "services:\n  app:\n    image: nginx:1.27\n"))).services["node-exporter"];
    expect(service).toMatchObject({ pid: "host", restart: "unless-stopped", command: ["--path.rootfs=/host"] });
    expect(service.deploy).toBeUndefined();
  });

  it("joins the network of the stack's Prometheus so it can be scraped by name", () => {
    const input = yaml`
      services:
        prom:
          image: quay.io/prometheus/prometheus:v3.4.2
          networks: [metrics]
      networks:
        metrics: {}
    `;
    expect(model(output(run(nodeExporter, input))).services["node-exporter"].networks).toEqual(["metrics"]);
  });

  it("refuses networks the stack does not declare", () => {
    const result = run(nodeExporter, busflow, { "node-exporter": { networks: ["nope"] } });
    expect(output(result)).toBe(busflow);
    expect(result.findings[0].message).toMatch(/nope/);
  });

  it("recognises existing exporters by image on any registry", () => {
    const project = projectOf(yaml`
      services:
        a: {image: "prom/node-exporter:v1.9.1"}
        b: {image: "quay.io/prometheus/node-exporter"}
        c: {image: "bitnami/node-exporter:1"}
        d: {image: "stefanprodan/swarmprom-node-exporter:v0.16.0"}
        e: {image: "prom/prometheus"}
    `);
    expect(findNodeExporters(project).map((e) => e.service)).toEqual(["a", "b", "c", "d"]);
  });

  it.skipIf(!dockerCli)("survives docker stack config with the exclusion regex unescaped once", () => {
    const result = stackConfig([{ path: "stack.yml", text: output(run(nodeExporter, busflow)) }]);
    expect(result.ok, result.stderr).toBe(true);
    expect(result.stdout).toContain("($|/)|^/etc/(hostname|hosts|resolv\\.conf)$");
    expect(result.stdout).toContain("propagation: rslave");
  });
});

describe("node-exporter: finding Prometheus's files", () => {
  const project = projectOf(yaml`
    services:
      prometheus:
        image: prom/prometheus
        command: ["--config.file=/etc/prometheus/prometheus.yml"]
        volumes:
          - ./prometheus:/etc/prometheus
          - data:/prometheus
  `);

  it("maps the config path to the project file behind the bind mount", () => {
    const p = findPrometheus(project)[0];
    expect(p.configSource).toBe("prometheus/prometheus.yml");
    expect(hostPathFor("/prometheus/x", p.mounts)).toBeUndefined();
  });

  it("says where a project file is visible inside the container", () => {
    const p = findPrometheus(project)[0];
    expect(containerPathFor("prometheus/rules/volume-usage.yml", p.mounts)).toBe("/etc/prometheus/rules/volume-usage.yml");
    expect(containerPathFor("other/rules.yml", p.mounts)).toBeUndefined();
  });

  it("writes scrape jobs that find every Swarm task, or one service", () => {
    expect(scrapeJob("node", "node-exporter", 9100, true)).toBe("- {job_name: node, dns_sd_configs: [{names: [tasks.node-exporter], type: A, port: 9100}]}");
    expect(scrapeJob("pg", "pgx", 9187, false)).toBe("- {job_name: pg, static_configs: [{targets: ['pgx:9187']}]}");
  });

  it("tells a Swarm stack from a compose project", () => {
    expect(deployTarget(projectOf(busflow), "auto")).toBe("swarm");
    expect(deployTarget(projectOf("services:\n  a:\n    image: x\n    restart: always\n"), "auto")).toBe("compose");
    expect(deployTarget(projectOf("services:\n  a:\n    image: x\n"), "swarm")).toBe("swarm");
  });
});

describe("node-exporter: real-world corpus", () => {
  it.skipIf(corpusFiles().length > 0)("skipped: the shared corpus is not present", () => {});
  for (const file of corpusFiles()) {
    it(`${file.name}: never shows a literal secret of the file in a finding or an extra file`, () => {
      const { text, sentinels } = withSentinelSecrets(file.text);
      expect(leakedSentinels(run(nodeExporter, [{ path: file.name, text }]), sentinels)).toEqual([]);
    });

    it(`${file.name}: never throws, reads back, is idempotent and keeps docker stack config's verdict`, () => {
      const inputs = [{ path: file.name, text: file.text }];
      const after = run(nodeExporter, inputs).files[0].after;
      parseCompose(after);
      expect(output(run(nodeExporter, [{ path: file.name, text: after }]))).toBe(after);
      if (!dockerCli || after === file.text || !stackConfig(inputs).ok) return;
      const verdict = stackConfig([{ path: file.name, text: after }]);
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
});

describe("node-exporter: golden outputs under docker stack config", () => {
  for (const golden of goldenStackVerdicts("node-exporter", loadTransforms)) {
    it.skipIf(!dockerCli)(`${golden.name}: accepted after the transform when accepted before`, golden.check);
  }
});
