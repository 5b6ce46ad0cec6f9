import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, dockerAvailable, lines, stackConfig } from "../_helpers.js";

describe("swarm/host-ip-port (long syntax)", () => {
  const invalid = yaml`
    services:
      web:
        image: nginx:1.27
        ports:
          - target: 80
            published: 8080
            host_ip: 127.0.0.1
  `;
  it("reports a long-syntax host_ip as an error, at the port entry", () => {
    expect(lines(check(invalid, "swarm/host-ip-port"))).toEqual([
      '5:9 error Service "web": docker stack deploy rejects host_ip in a port (not in the v3 schema)',
    ]);
    dockerAgrees(invalid, invalid.replace("        host_ip: 127.0.0.1\n", ""), /Additional property host_ip is not allowed/);
  });
});

describe("swarm/host-ip-port (short syntax)", () => {
  const text = yaml`
    services:
      db:
        image: postgres:16
        ports:
          - "127.0.0.1:5432:5432"
          - "\${HOST_IP:-127.0.0.1}:6432:6432"
          - "[::1]:7432:7432"
          - "0.0.0.0:8080:80"
          - "9090:9090"
  `;
  it("reports every explicit host IP, interpolated ones too, and Docker warns it will listen on 0.0.0.0", () => {
    expect(lines(check(text, "swarm/host-ip-port"))).toEqual([
      '5:9 warning Service "db": Swarm ignores the host IP of port 127.0.0.1:5432:5432 and listens on 0.0.0.0 of every node',
      '6:9 warning Service "db": Swarm ignores the host IP of port ${HOST_IP:-127.0.0.1}:6432:6432 and listens on 0.0.0.0 of every node',
      '7:9 warning Service "db": Swarm ignores the host IP of port [::1]:7432:7432 and listens on 0.0.0.0 of every node',
    ]);
    if (dockerAvailable) {
      const result = stackConfig(text);
      expect(result.ok).toBe(true);
      expect(result.stderr).toMatch(/ignoring IP-address \(127\.0\.0\.1:5432:5432\/tcp\) service will listen on '0\.0\.0\.0'/);
    }
  });
});
