import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("security/port-all-interfaces", () => {
  it("reports ports without a host address, at the list item", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16
          ports:
            - "5432:5432"
            - 8080
            - "0.0.0.0:9000:9000"
            - target: 9187
              published: 9187
    `;
    expect(lines(check(text, "security/port-all-interfaces"))).toEqual([
      '5:9 warning Service "db" publishes port 5432:5432 on all network interfaces',
      '6:9 warning Service "db" publishes port 8080 on all network interfaces',
      '7:9 warning Service "db" publishes port 0.0.0.0:9000:9000 on all network interfaces',
      '8:9 warning Service "db" publishes port 9187:9187 on all network interfaces',
    ]);
  });

  it("passes loopback binds, interpolated addresses (dclint's false positive) and whole-entry variables", () => {
    const text = yaml`
      services:
        db:
          image: postgres:16
          ports:
            - "127.0.0.1:5432:5432"
            - "\${HOST_IP:-127.0.0.1}:\${PORT}:80"
            - "[::1]:6432:6432"
            - "\${EXTRA_PORTS}"
            - target: 80
              host_ip: 127.0.0.1
    `;
    expect(check(text, "security/port-all-interfaces")).toEqual([]);
  });

  it("reads ports across files, and a later !reset drops the earlier ones", () => {
    const base = { name: "base.yml", text: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n' };
    const extra = { name: "prod.yml", text: 'services:\n  web:\n    ports:\n      - "443:443"\n' };
    const reset = { name: "prod.yml", text: 'services:\n  web:\n    ports: !reset\n      - "127.0.0.1:443:443"\n' };
    expect(check([base, extra], "security/port-all-interfaces").map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(["base.yml:5:9", "prod.yml:4:9"]);
    expect(check([base, reset], "security/port-all-interfaces")).toEqual([]);
  });
});
