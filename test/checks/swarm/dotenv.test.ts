import { describe, expect, it } from "vitest";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

describe("swarm/dotenv", () => {
  const text = yaml`
    services:
      api:
        image: ghcr.io/org/api:\${API_TAG}
        environment:
          DATABASE_URL: postgres://app:\${DB_PASSWORD}@db/app
          LOG_LEVEL: \${LOG_LEVEL:-info}
          REGION: \${REGION}
      worker:
        image: ghcr.io/org/worker:\${API_TAG}
  `;

  it("reports each variable only .env defines, once per file, at its first use", () => {
    const env = "# comment\nAPI_TAG=1.4.2\nexport DB_PASSWORD=x\nLOG_LEVEL=debug\n";
    const files = { read: (file: string) => (file === ".env" ? env : undefined), list: () => [] };
    expect(lines(check(text, "swarm/dotenv", { files }))).toEqual([
      "3:5 warning ${API_TAG} is defined only in .env, which docker stack deploy does not read: it deploys empty unless the deploying shell exports API_TAG",
      "5:7 warning ${DB_PASSWORD} is defined only in .env, which docker stack deploy does not read: it deploys empty unless the deploying shell exports DB_PASSWORD",
    ]);
  });

  it("says nothing without a .env file", () => {
    expect(check(text, "swarm/dotenv")).toEqual([]);
    expect(check(text, "swarm/dotenv", { files: { read: () => undefined, list: () => [] } })).toEqual([]);
  });
});
