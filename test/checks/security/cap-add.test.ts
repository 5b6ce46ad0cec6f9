import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAccepts, lines } from "../_helpers.js";

describe("security/cap-add", () => {
  it("grades each added capability at its list item, in any spelling Docker accepts", () => {
    const text = yaml`
      services:
        vpn:
          image: alpine:3.20
          cap_add:
            - NET_ADMIN
            - sys_admin
            - CAP_SYS_PTRACE
            - all
            - NET_BIND_SERVICE
        db:
          image: mongo:8.0
          cap_add: [IPC_LOCK]
    `;
    expect(lines(check(text, "security/cap-add"))).toEqual([
      '5:9 warning Service "vpn" adds CAP_NET_ADMIN: reconfiguring interfaces, routes and firewall rules of its network namespace',
      '6:9 error Service "vpn" adds CAP_SYS_ADMIN: mount, namespaces and most of root\'s powers: a container escape',
      '7:9 warning Service "vpn" adds CAP_SYS_PTRACE: tracing processes it can see: reading their memory and secrets',
      '8:9 error Service "vpn" adds ALL capabilities: every capability, as good as privileged',
      '12:15 info Service "db" adds CAP_IPC_LOCK: locking memory (what databases use it for), which can starve the host',
    ]);
    dockerAccepts(text);
  });

  it("passes default capabilities, CAP_ALL (which Docker rejects) and services without cap_add", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          cap_add: [CHOWN, NET_BIND_SERVICE, SETUID, CAP_ALL]
        plain:
          image: nginx:1.27
    `;
    expect(check(text, "security/cap-add")).toEqual([]);
  });
});
