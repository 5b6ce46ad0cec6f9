import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/depends-on-condition", () => {
  const invalid = yaml`
    services:
      web:
        image: nginx:1.27
        depends_on:
          db:
            condition: service_healthy
      db:
        image: postgres:16
  `;
  const valid = yaml`
    services:
      web:
        image: nginx:1.27
        depends_on:
          - db
      db:
        image: postgres:16
  `;

  it("reports the map form at the depends_on key", () => {
    expect(lines(check(invalid, "swarm/depends-on-condition"))).toEqual([
      `4:5 error Service "web": docker stack deploy rejects depends_on written as a map ("must be a list"), and Swarm ignores start-up conditions`,
    ]);
    dockerAgrees(invalid, valid, /services\.web\.depends_on must be a list/);
  });

  it("passes the list form", () => {
    expect(check(valid, "swarm/depends-on-condition")).toEqual([]);
  });

  it("reports a map merged in from an anchor where the anchor is written", () => {
    const text = yaml`
      x-deps: &deps
        db:
          condition: service_started
      services:
        web:
          image: nginx:1.27
          depends_on: *deps
        db:
          image: postgres:16
    `;
    expect(lines(check(text, "swarm/depends-on-condition")).map((l) => l.split(" ")[0])).toEqual(["7:5"]);
  });
});
