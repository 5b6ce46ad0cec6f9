import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, dockerAvailable, lines, stackConfig } from "../_helpers.js";

describe("swarm/nested-interpolation", () => {
  const text = yaml`
    services:
      web:
        image: "nginx:\${NGINX_TAG:-\${DEFAULT_TAG:-1.27}}"
        environment:
          FLAT: "\${A:-x}-\${B:-y}"
  `;
  it("reports the nesting expression, not the flat ones, and Docker reads it wrong without an error", () => {
    expect(lines(check(text, "swarm/nested-interpolation"))).toEqual([
      "3:5 error ${NGINX_TAG:-…} nests a ${…} or $$ in its argument, which docker stack deploy uses as written, without an error",
    ]);
    if (dockerAvailable) {
      const result = stackConfig(text);
      expect(result.ok).toBe(true);
      expect(result.stdout).toContain("image: nginx:${DEFAULT_TAG:-1.27}");
    }
  });
  it("reports an operator after an unbraced variable, which Docker reads as a default", () => {
    const text = "services:\n  backup:\n    image: kartoza/pg-backup:$PG_MAJOR-$POSTGIS_MAJOR.${POSTGIS_MINOR}\n";
    expect(lines(check(text, "swarm/nested-interpolation"))).toEqual([
      "3:5 error $PG_MAJOR- is read by docker stack deploy as an operator after an unbraced variable, which swallows the text after it; write ${PG_MAJOR}-",
    ]);
    if (dockerAvailable) {
      const result = stackConfig(text, { PG_MAJOR: "16", POSTGIS_MAJOR: "3", POSTGIS_MINOR: "4" });
      expect(result.ok).toBe(true);
      expect(result.stdout).toContain("image: kartoza/pg-backup:16}");
    }
  });

  it("passes one level of ${…}", () => {
    expect(check(text.replace("${NGINX_TAG:-${DEFAULT_TAG:-1.27}}", "${NGINX_TAG:-1.27}"), "swarm/nested-interpolation")).toEqual([]);
  });
});
