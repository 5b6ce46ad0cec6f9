import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAccepts, lines } from "../_helpers.js";

describe("swarm/unsupported", () => {
  const text = yaml`
    services:
      exporter:
        image: quay.io/prometheus/node-exporter:v1.12.1
        container_name: node_exporter
        network_mode: host
        pid: host
        privileged: true
        restart: always
        build: .
  `;
  it("reports ignored keys, deprecated ones as info, and leaves privileged, restart and build to their rules", () => {
    expect(lines(check(text, "swarm/unsupported"))).toEqual([
      '4:5 info Service "exporter": docker stack deploy ignores container_name (deprecated for stacks)',
      '5:5 warning Service "exporter": docker stack deploy ignores network_mode, so the setting does not apply',
      '6:5 warning Service "exporter": docker stack deploy ignores pid, so the setting does not apply',
    ]);
    dockerAccepts(text);
  });
});
