import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAgrees, lines } from "../_helpers.js";

describe("swarm/interpolation-alt", () => {
  const invalid = yaml`
    services:
      web:
        image: nginx:1.27
        environment:
          TLS: "\${CERT_PATH:+on}"
          PLAIN: "\${MODE+x}"
  `;
  const valid = yaml`
    services:
      web:
        image: nginx:1.27
        environment:
          TLS: "\${CERT_PATH:-off}"
          ESCAPED: "$\${CERT_PATH:+on}"
  `;
  it("reports :+ and + without printing the alternative", () => {
    expect(lines(check(invalid, "swarm/interpolation-alt"))).toEqual([
      '5:7 error ${CERT_PATH:+…} is rejected by docker stack deploy ("invalid interpolation format"): it has no :+ or + operator',
      '6:7 error ${MODE+…} is rejected by docker stack deploy ("invalid interpolation format"): it has no :+ or + operator',
    ]);
    dockerAgrees(invalid, valid, /invalid interpolation format/);
  });
  it("passes :- defaults and $$-escaped text", () => {
    expect(check(valid, "swarm/interpolation-alt")).toEqual([]);
  });
  it("reports a lone $ that starts no variable", () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      PRICE: "cost $5"\n';
    expect(lines(check(text, "swarm/interpolation-alt"))).toEqual([
      '5:7 error a "$" that starts no variable is rejected by docker stack deploy ("invalid interpolation format"); write "$$"',
    ]);
    dockerAgrees(text, text.replace("$5", () => "$$5"), /invalid interpolation format/);
  });

  it("reports values in x- extensions and in command lists", () => {
    const text = yaml`
      x-flag: "\${DEBUG:+--verbose}"
      services:
        web:
          image: nginx:1.27
          command: ["nginx", "\${DEBUG:+-g}"]
    `;
    expect(check(text, "swarm/interpolation-alt").map((f) => `${f.line}:${f.column}`)).toEqual(["1:1", "5:24"]);
  });
});
