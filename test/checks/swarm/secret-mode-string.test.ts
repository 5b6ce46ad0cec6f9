import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/secret-mode-string", () => {
  const invalid = yaml`
    services:
      db:
        image: postgres:16
        secrets:
          - source: db_password
            mode: "0440"
    secrets:
      db_password:
        external: true
  `;
  const valid = invalid.replace('mode: "0440"', "mode: 0440");
  it("reports a quoted mode and suggests the octal number", () => {
    expect(lines(check(invalid, "swarm/secret-mode-string"))).toEqual([
      `6:9 error Service "db": docker stack deploy rejects the quoted secret mode "0440"; write it unquoted (mode: 0440) so it reads as an octal number`,
    ]);
    dockerAgrees(invalid, valid, /secrets\.0\.mode must be a number/);
  });
  it("passes an unquoted octal mode and an interpolated one", () => {
    expect(check(valid, "swarm/secret-mode-string")).toEqual([]);
    expect(check(invalid.replace('"0440"', '"${SECRET_MODE}"'), "swarm/secret-mode-string")).toEqual([]);
  });
  it("reports config mounts too", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          configs:
            - source: site
              mode: "644"
      configs:
        site:
          external: true
    `;
    expect(lines(check(text, "swarm/secret-mode-string"))).toEqual([
      `6:9 error Service "web": docker stack deploy rejects the quoted config mode "644"; write it unquoted (mode: 0644) so it reads as an octal number`,
    ]);
  });
});
