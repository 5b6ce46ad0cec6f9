/**
 * A file that does not parse has no known secrets to mask, so its error messages must not
 * quote what they choke on (issue #19 item 8): a password that starts with `!`, `*`, `|` or `@`,
 * or holds a bad escape, used to be repeated in the message.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/document/compose-document.js";
import { ComposeSyntaxError } from "../../src/document/errors.js";

const CANARY = "cnryParse77";

function diagnostics(value: string) {
  const text = `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${value}\n`;
  try {
    parseCompose(text);
  } catch (error) {
    if (error instanceof ComposeSyntaxError) return error.diagnostics;
    throw error;
  }
  throw new Error(`accepted: ${value}`);
}

describe("syntax errors never quote the value they choke on", () => {
  for (const [value, code] of [
    [`!${CANARY}`, "UNKNOWN_TAG"],
    [`!!${CANARY}`, "UNKNOWN_TAG"],
    [`!<tag:${CANARY}> x`, "UNKNOWN_TAG"],
    [`*${CANARY}`, "UNKNOWN_ALIAS"],
    [`|${CANARY}`, "YAML_SYNTAX"],
    [`>${CANARY}`, "YAML_SYNTAX"],
    [`@${CANARY}`, "YAML_SYNTAX"],
    ["`" + CANARY, "YAML_SYNTAX"],
    [`"\\q${CANARY}"`, "YAML_SYNTAX"],
    [`"\\x${CANARY}"`, "YAML_SYNTAX"],
    [`"\\u${CANARY}"`, "YAML_SYNTAX"],
    [`pa{{${CANARY}}}\n      OTHER: [`, "TEMPLATE"],
  ]) {
    it(`${value}: ${code}, located, without the text`, () => {
      const found = diagnostics(value);
      expect(found[0]).toMatchObject({ code, line: 5 });
      for (const d of found) {
        expect(d.message).not.toContain(CANARY);
        expect(d.message).not.toContain(CANARY.slice(0, 4));
      }
    });
  }

  it("still names the tags of tools a compose file is mistaken for", () => {
    expect(diagnostics("!vault |\n        $ANSIBLE_VAULT;1.1;AES256")[0].message).toMatch(/^tag !vault is not one/);
    expect(diagnostics("!!binary aGk=")[0].message).toMatch(/^tag !!binary is not one/);
    expect(diagnostics("!!python/object:os.system x")[0].message).toMatch(/^tag !!python\/… is not one/);
    expect(diagnostics("!vaultcnry x")[0].message).toMatch(/^a tag \(`!…`\) is not one/);
  });
});
