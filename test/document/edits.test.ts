import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeDocument } from "../../src/document/compose-document.js";
import { EditError } from "../../src/document/errors.js";
import { visible, yaml } from "../_utils.js";

/** Apply `edit` to `before` and compare the printed result with `after`, bytes made visible. */
function expectEdit(before: string, edit: (doc: ComposeDocument) => void, after: string) {
  const doc = parseCompose(before);
  edit(doc);
  const out = doc.toString();
  expect(visible(out)).toBe(visible(after));
  // The output must read back cleanly.
  parseCompose(out);
}

describe("set", () => {
  it("replaces a scalar keeping its quotes and comment", () => {
    expectEdit(
      yaml`
        services:
          web:
            image: 'nginx:1.25'   # pinned
      `,
      (d) => d.set(["services", "web", "image"], "nginx:1.27"),
      yaml`
        services:
          web:
            image: 'nginx:1.27'   # pinned
      `,
    );
  });

  it("quotes strings that would read back as another type", () => {
    const doc = parseCompose("services:\n  web:\n    environment:\n      A: x\n");
    for (const value of ["true", "1.10", "0755", "null", "~", "yes", "off", ""]) {
      doc.set(["services", "web", "environment", "A"], value);
      expect(parseCompose(doc.toString()).get(["services", "web", "environment", "A"])).toBe(value);
    }
  });

  it("does nothing when the value is already there", () => {
    const doc = parseCompose("services:\n  web:\n    image: nginx\n");
    expect(doc.set(["services", "web", "image"], "nginx")).toBe(false);
    expect(doc.changed).toBe(false);
  });

  it("inserts a new key at the end of a map, before comments that belong further out", () => {
    expectEdit(
      yaml`
        services:
          web:
            environment:
              A: 1
              # commented: out

        # about volumes
        volumes:
          data:
      `,
      (d) => d.set(["services", "web", "environment", "B"], "two"),
      yaml`
        services:
          web:
            environment:
              A: 1
              B: two
              # commented: out

        # about volumes
        volumes:
          data:
      `,
    );
  });

  it("moves outer comments below a key added after a nested block", () => {
    expectEdit(
      yaml`
        services:
          web:
            environment:
              A: 1
              # deeper comment

        # about volumes
        volumes: {}
      `,
      (d) => d.set(["services", "web", "secrets"], ["db"]),
      yaml`
        services:
          web:
            environment:
              A: 1
              # deeper comment
            secrets:
              - db

        # about volumes
        volumes: {}
      `,
    );
  });

  it("creates missing maps along the path in one block", () => {
    expectEdit(
      "services:\n  web:\n    image: x\n",
      (d) => d.set(["services", "web", "deploy", "resources", "limits", "memory"], "512M"),
      "services:\n  web:\n    image: x\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n",
    );
  });

  it("fills a key that had no value", () => {
    expectEdit(
      "services:\n  web:\n    environment:\n  db:\n    image: postgres\n",
      (d) => d.set(["services", "web", "environment", "A"], "1"),
      'services:\n  web:\n    environment:\n      A: "1"\n  db:\n    image: postgres\n',
    );
  });

  it("adds a top-level section to a file without a final newline", () => {
    expectEdit(
      "services:\n  web:\n    image: x",
      (d) => d.set(["secrets", "db", "external"], true),
      "services:\n  web:\n    image: x\nsecrets:\n  db:\n    external: true",
    );
  });

  it("writes CRLF into a CRLF file and keeps the BOM", () => {
    expectEdit(
      "\uFEFFservices:\r\n  web:\r\n    image: x\r\n",
      (d) => d.set(["services", "web", "environment", "A"], "b"),
      "\uFEFFservices:\r\n  web:\r\n    image: x\r\n    environment:\r\n      A: b\r\n",
    );
  });

  it("follows a four-space indent and flush sequences", () => {
    expectEdit(
      "services:\n    web:\n        ports:\n        - 80:80\n",
      (d) => d.set(["services", "web", "secrets"], ["a", "b"]),
      "services:\n    web:\n        ports:\n        - 80:80\n        secrets:\n        - a\n        - b\n",
    );
  });

  it("inserts after a named sibling", () => {
    expectEdit(
      "services:\n  web:\n    image: x\n    command: y\n",
      (d) => d.set(["services", "web", "user"], "1000", { after: "image" }),
      'services:\n  web:\n    image: x\n    user: "1000"\n    command: y\n',
    );
  });

  it("separates a new entry by a blank line when its siblings are, and only then", () => {
    expectEdit(
      "services:\n  a:\n    image: x\n\n  # b runs y\n  b:\n    image: y\n\nvolumes:\n  v: {}\n",
      (d) => {
        d.set(["services", "c"], { image: "z" });
        d.set(["secrets"], { s: { external: true } });
        d.set(["services", "a", "user"], "app");
      },
      "services:\n  a:\n    image: x\n    user: app\n\n  # b runs y\n  b:\n    image: y\n\n  c:\n    image: z\n\nvolumes:\n  v: {}\n\nsecrets:\n  s:\n    external: true\n",
    );
    expectEdit("a: 1\nb: 2\n\nc: 3\n", (d) => d.set(["d"], 4), "a: 1\nb: 2\n\nc: 3\nd: 4\n");
    expectEdit("a: 1\r\n\r\nb: 2", (d) => d.set(["c"], 3), "a: 1\r\n\r\nb: 2\r\n\r\nc: 3");
  });

  it("adds to a flow map", () => {
    expectEdit("services:\n  web: {image: x}\n", (d) => d.set(["services", "web", "user"], "app"), "services:\n  web: {image: x, user: app}\n");
  });
});

describe("delete", () => {
  const base = yaml`
    services:
      # the web
      web:
        image: x

      # object store
      minio:
        image: minio/minio
        volumes:
          - data:/data
          # old mount

      db:
        image: postgres
    # the volumes
    volumes:
      data:
  `;

  it("removes an entry with its own comments and keeps the next one's", () => {
    expectEdit(
      base,
      (d) => d.delete(["services", "minio"]),
      yaml`
        services:
          # the web
          web:
            image: x

          db:
            image: postgres
        # the volumes
        volumes:
          data:
      `,
    );
  });

  it("removes the first entry without disturbing the indentation of the next", () => {
    expectEdit(
      "services:\n  web:\n    image: x\n  db:\n    image: y\n",
      (d) => d.delete(["services", "web"]),
      "services:\n  db:\n    image: y\n",
    );
  });

  it("keeps outer comments when the last entry goes", () => {
    expectEdit(
      yaml`
        services:
          web:
            image: x
          minio:
            environment:
              A: 1
              # deeper

        # about volumes
        volumes: {}
      `,
      (d) => d.delete(["services", "minio"]),
      yaml`
        services:
          web:
            image: x

        # about volumes
        volumes: {}
      `,
    );
  });

  it("leaves an empty flow collection, or prunes the key when asked", () => {
    const before = "services:\n  web:\n    depends_on:   # order\n      - minio\n    image: x\n";
    expectEdit(before, (d) => d.delete(["services", "web", "depends_on", 0]), "services:\n  web:\n    depends_on: []   # order\n    image: x\n");
    expectEdit(before, (d) => d.delete(["services", "web", "depends_on", 0], { prune: true }), "services:\n  web:\n    image: x\n");
  });

  it("removes from flow sequences", () => {
    expectEdit("x: [a, b, c]\n", (d) => d.delete(["x", 0]), "x: [b, c]\n");
    expectEdit("x: [a, b, c]\n", (d) => d.delete(["x", 1]), "x: [a, c]\n");
  });

  it("keeps a missing final newline missing", () => {
    expectEdit("services:\n  a:\n    image: x\n  b:\n    image: y", (d) => d.delete(["services", "b"]), "services:\n  a:\n    image: x");
  });
});

describe("sequences", () => {
  it("appends matching the neighbours' quotes and indentation", () => {
    expectEdit(
      'services:\n  web:\n    ports:\n    - "80:80"\n',
      (d) => d.append(["services", "web", "ports"], "443:443"),
      'services:\n  web:\n    ports:\n    - "80:80"\n    - "443:443"\n',
    );
    expectEdit("x:\n  - a\n", (d) => d.append(["x"], "b"), "x:\n  - a\n  - b\n");
    expectEdit('x: ["a"]\n', (d) => d.append(["x"], "b"), 'x: ["a", "b"]\n');
  });

  it("removes matching items", () => {
    const doc = parseCompose("x:\n  - a\n  - b\n  - a\n");
    expect(doc.removeWhere(["x"], (v) => v === "a")).toBe(2);
    expect(doc.toString()).toBe("x:\n  - b\n");
  });
});

describe("environment helpers", () => {
  const mapForm = "services:\n  app:\n    environment:\n      DB_PASSWORD: secret  # plaintext\n      PORT: 8080\n";
  const listForm = "services:\n  app:\n    environment:\n      - DB_PASSWORD=secret\n      - PORT=8080\n";

  it("read both forms the same way", () => {
    for (const text of [mapForm, listForm]) {
      const doc = parseCompose(text);
      expect(doc.env("app").map((e) => [e.name, e.value])).toEqual([
        ["DB_PASSWORD", "secret"],
        ["PORT", "8080"],
      ]);
    }
  });

  it("rename in place in both forms", () => {
    expectEdit(
      mapForm,
      (d) => d.renameEnv("app", "DB_PASSWORD", "DB_PASSWORD_FILE", "/run/secrets/db_password"),
      "services:\n  app:\n    environment:\n      DB_PASSWORD_FILE: /run/secrets/db_password  # plaintext\n      PORT: 8080\n",
    );
    expectEdit(
      listForm,
      (d) => d.renameEnv("app", "DB_PASSWORD", "DB_PASSWORD_FILE", "/run/secrets/db_password"),
      "services:\n  app:\n    environment:\n      - DB_PASSWORD_FILE=/run/secrets/db_password\n      - PORT=8080\n",
    );
  });

  it("set, add and delete in both forms", () => {
    expectEdit(mapForm, (d) => d.setEnv("app", "PORT", "9090"), mapForm.replace("8080", "9090"));
    expectEdit(listForm, (d) => d.setEnv("app", "NEW", "x"), listForm + "      - NEW=x\n");
    expectEdit(mapForm, (d) => d.deleteEnv("app", "PORT"), "services:\n  app:\n    environment:\n      DB_PASSWORD: secret  # plaintext\n");
    expectEdit(listForm, (d) => { d.deleteEnv("app", "PORT"); d.deleteEnv("app", "DB_PASSWORD"); }, "services:\n  app: {}\n");
    expect(parseCompose(mapForm).setEnv("app", "PORT", "8080")).toBe(false);
  });
});

describe("anchors", () => {
  const shared = yaml`
    x-env: &env
      TOKEN: abc
      TZ: UTC
    services:
      a:
        environment:
          <<: *env
      b:
        environment:
          <<: *env
  `;

  it("refuses an edit that would change every user, naming the anchor", () => {
    const doc = parseCompose(shared);
    try {
      doc.setEnv("a", "TOKEN", "x");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EditError);
      expect((e as EditError).code).toBe("SHARED_ANCHOR");
      expect((e as EditError).anchor).toBe("env");
      expect((e as EditError).users).toEqual(["services.a.environment.<<", "services.b.environment.<<"]);
    }
    expect(doc.changed).toBe(false);
  });

  it("overrides at the use site when asked", () => {
    expectEdit(
      shared,
      (d) => d.setEnv("a", "TOKEN", "x", { shared: "local" }),
      shared.replace("      <<: *env\n  b:", "      <<: *env\n      TOKEN: x\n  b:"),
    );
  });

  it("edits the anchor itself when asked", () => {
    expectEdit(shared, (d) => d.setEnv("a", "TOKEN", "x", { shared: "anchor" }), shared.replace("TOKEN: abc", "TOKEN: x"));
  });

  it("never deletes an anchor that is still used", () => {
    const doc = parseCompose(shared);
    expect(() => doc.delete(["x-env"])).toThrow(/still used by services.a.environment.<</);
  });

  it("reports where a merged value comes from", () => {
    const doc = parseCompose(shared);
    expect(doc.getEnv("b", "TZ")?.sharedVia).toBe("env");
    expect(doc.locate(["services", "b", "environment", "TZ"])?.line).toBe(3);
  });
});

describe("locations", () => {
  it("gives no position for text inserted by an edit, nested entries included", () => {
    const doc = parseCompose("services:\n  a:\n    image: x\n  b:\n    image: y\n");
    doc.set(["services", "a", "deploy", "restart_policy", "condition"], "any");
    expect(doc.locate(["services", "a", "deploy", "restart_policy", "condition"])).toBeUndefined();
    expect(doc.locate(["services", "b", "image"])).toEqual({ file: "compose.yml", line: 5, column: 5 });
  });
});
