import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAccepts, lines } from "../_helpers.js";

describe("swarm/restart", () => {
  it("reports restart and says whether deploy.restart_policy is there", () => {
    const text = yaml`
      services:
        web:
          image: nginx:1.27
          restart: unless-stopped
        job:
          image: busybox:1.36
          restart: "no"
          deploy:
            restart_policy:
              condition: none
    `;
    expect(lines(check(text, "swarm/restart"))).toEqual([
      '4:5 warning Service "web": docker stack deploy ignores restart; set deploy.restart_policy instead',
      '7:5 warning Service "job": docker stack deploy ignores restart (deploy.restart_policy applies); remove it from the stack file',
    ]);
    dockerAccepts(text);
  });
  it("passes deploy.restart_policy alone", () => {
    expect(check("services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n", "swarm/restart")).toEqual([]);
  });
});
