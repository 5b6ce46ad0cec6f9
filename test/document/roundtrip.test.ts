import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { corpusFiles, visible, yaml } from "../_utils.js";

const tricky: Record<string, string> = {
  comments: yaml`
    # header
    services:   # after key
      web:
        image: "nginx:1.27"  # aligned
        # between


        ports: ["80:80"]  # flow
    # before volumes
    volumes: {}
  `,
  anchors: yaml`
    x-env: &env
      TZ: UTC
    x-list: &list [a, b]
    services:
      a:
        environment:
          <<: *env
        command: *list
      b:
        <<: [*env]
  `,
  tags: yaml`
    services:
      web:
        ports: !reset []
        environment: !override
          A: 1
        volumes: !reset null
  `,
  octal: yaml`
    services:
      web:
        secrets:
          - source: s
            mode: 0440
  `,
  blockScalars: yaml`
    services:
      web:
        command: >-
          sh -c "echo hi
          && sleep 1"
        entrypoint: |
          #!/bin/sh
          exec "$$@"
  `,
  tabsInScalars: "services:\n  web:\n    command: \"a\\tb\"\n    labels:\n      x: 'tab\there'\n",
  crlf: "services:\r\n  web:\r\n    image: nginx\r\n",
  bom: "\uFEFFservices:\n  web:\n    image: nginx\n",
  noFinalNewline: "services:\n  web:\n    image: nginx",
  trailingBlankLines: "services:\n  web:\n    image: nginx\n\n\n",
  docMarkers: "%YAML 1.2\n---\nservices:\n  web:\n    image: nginx\n...\n",
  explicitKey: "services:\n  ? web\n  : image: nginx\n",
};

describe("byte-exact round trip", () => {
  for (const [name, text] of Object.entries(tricky)) {
    it(`keeps ${name} byte for byte`, () => {
      expect(visible(parseCompose(text).toString())).toBe(visible(text));
    });
  }
  const corpus = corpusFiles();
  it.skipIf(corpus.length === 0)("covers the 30 real corpus files", () => {
    expect(corpus.length).toBe(30);
  });
  for (const file of corpus) {
    it(`round-trips corpus file ${file.name}`, () => {
      const doc = parseCompose(file.text, { filename: file.name });
      expect(doc.toString() === file.text).toBe(true);
      expect(doc.changed).toBe(false);
    });
  }
});

describe("reading like Docker", () => {
  it("reads 0440 as octal and keeps its text", () => {
    const doc = parseCompose(tricky.octal);
    expect(doc.get(["services", "web", "secrets", 0, "mode"])).toBe(0o440);
    expect(doc.sourceText(["services", "web", "secrets", 0, "mode"])).toBe("0440");
  });

  it("resolves merge keys and aliases", () => {
    const doc = parseCompose(tricky.anchors);
    expect(doc.get(["services", "a", "environment", "TZ"])).toBe("UTC");
    expect(doc.get(["services", "b", "TZ"])).toBe("UTC");
    expect(doc.get(["services", "a", "command"])).toEqual(["a", "b"]);
    expect(doc.keys(["services", "b"])).toEqual(["TZ"]);
  });

  it("loads a file with 150 uses of one anchor", () => {
    const services = Array.from({ length: 150 }, (_, i) => `  s${i}:\n    <<: *common\n    image: app:${i}\n`).join("");
    const doc = parseCompose(`x-common: &common\n  restart: always\nservices:\n${services}`);
    expect(doc.get(["services", "s149", "restart"])).toBe("always");
    expect(Object.keys(doc.toJS().services as object)).toHaveLength(150);
  });

  it("locates keys by line and column", () => {
    const doc = parseCompose(tricky.comments, { filename: "c.yml" });
    expect(doc.locate(["services", "web", "ports"])).toEqual({ file: "c.yml", line: 8, column: 5 });
  });
});
