import { describe, expect, it } from "vitest";
import type { ProjectFiles } from "../../../src/project/files.js";
import { yaml } from "../../_utils.js";
import { check, lines } from "../_helpers.js";

const STACK = yaml`
  services:
    postgres:
      image: postgres:16.4
      volumes:
        - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
        - /mnt/HC_Volume_100234/postgres:/var/lib/postgresql/data
    uploads:
      image: ghcr.io/example/uploads:2.0
      volumes:
        - files:/srv/files
  volumes:
    files:
      driver_opts: {type: none, o: bind, device: /mnt/HC_Volume_100567/files}
`;

/** The repository's workflows as the CLI would hand them to the rule. */
function repository(workflows: Record<string, string>): ProjectFiles {
  return {
    read: (path, base) => (base === "repository" ? workflows[path.replace(/^\.github\/workflows\//, "")] : undefined),
    list: (folder, base) => (base === "repository" && folder === ".github/workflows" ? Object.keys(workflows).sort() : []),
  };
}

describe("gate/volume-autoresize", () => {
  it("reports each Hetzner volume holding data, at the first mount writing to it, when no workflow grows it", () => {
    const found = check(STACK, "gate/volume-autoresize", { files: repository({}) });
    expect(lines(found)).toEqual([
      '6:9 error Service "postgres" keeps /var/lib/postgresql/data on Hetzner volume 100234, and no workflow under .github/workflows grows it when it fills up',
      '10:9 error Service "uploads" keeps /srv/files on Hetzner volume 100567, and no workflow under .github/workflows grows it when it fills up',
    ]);
    expect(found[0].fix).toBe("volume-autoresize");
  });

  it("passes a volume a workflow grows: the generated one, or one by hand that names it", () => {
    const generated = "on:\n  schedule: []\njobs:\n  resize:\n    steps:\n      - run: bash scripts/volume-autoresize.sh 100234=/mnt/HC_Volume_100234\n";
    const byHand = "jobs:\n  grow:\n    steps:\n      - run: curl -X POST https://api.hetzner.cloud/v1/volumes/100567/actions/resize\n";
    expect(check(STACK, "gate/volume-autoresize", { files: repository({ "volume-autoresize.yml": generated, "grow.yaml": byHand }) })).toEqual([]);
    const found = check(STACK, "gate/volume-autoresize", { files: repository({ "volume-autoresize.yml": generated }) });
    expect(lines(found)).toEqual([expect.stringContaining('"uploads" keeps /srv/files on Hetzner volume 100567, and none of the workflows under .github/workflows grows it')]);
  });

  it("does not count a workflow that only names the volume, or a file outside .github/workflows", () => {
    const backup = "jobs:\n  backup:\n    steps:\n      - run: rsync -a /mnt/HC_Volume_100234/ backup:/\n";
    expect(check(STACK, "gate/volume-autoresize", { files: repository({ "backup.yml": backup, "notes.txt": "resize HC_Volume_100234" }) })).toHaveLength(2);
    expect(check(STACK, "gate/volume-autoresize", { files: repository({ "x.yml": "resize HC_Volume_1002345" }) })).toHaveLength(2);
  });

  it("reports without project files (a library call that gave none), and passes stacks without Hetzner volumes", () => {
    expect(check(STACK, "gate/volume-autoresize")).toHaveLength(2);
    const readOnly = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /mnt/HC_Volume_1/site:/usr/share/nginx/html:ro\n";
    expect(check(readOnly, "gate/volume-autoresize")).toEqual([]);
  });
});
