/**
 * The codemod's small decisions on their own: the prefilter, variable names, the helper's
 * specifier and default place, the variables taken from a report, and `--src` splitting.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathListFlag } from "../../src/cli/args.js";
import { variablesFromReport } from "../../src/codemod/from-report.js";
import { helperSpecifier } from "../../src/codemod/helper-import.js";
import { defaultHelperPath, flavourOf } from "../../src/codemod/helper-module.js";
import { validateVariables } from "../../src/codemod/names.js";
import { makePrefilter } from "../../src/codemod/prefilter.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "compose-gate-codemod-units-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("prefilter", () => {
  const interest = makePrefilter(["DB_PASSWORD", "API_TOKEN"]);
  it.each([
    ["const a = process.env.DB_PASSWORD;", "names"],
    ["const { API_TOKEN } = import.meta.env;", "names"],
    ["const a = process.env.DB_PASSWORD_FILE;", "none"],
    ["const a = process.env.MY_DB_PASSWORD;", "none"],
    ["const DB_PASSWORD = 1; // no e-n-v here", "none"],
    ["const v = process.env[name];", "dynamic"],
    ["const v = process.env[ 'PORT' ];", "none"],
    ["spawn(cmd, { env: { ...process.env } });", "dynamic"],
    ["const port = process.env.PORT;", "none"],
  ])("%s → %s", (text, expected) => expect(interest(text)).toBe(expected));
});

describe("variable names", () => {
  it("keeps the order and drops repeats", () => expect(validateVariables(["B", "A", "B"])).toEqual(["B", "A"]));
  it.each(["1A", "A-B", "A.B", ""])("refuses %j", (name) => expect(() => validateVariables([name])).toThrow(/is not an environment variable name/));
  it("refuses a _FILE name, pointing at the variable", () => expect(() => validateVariables(["A_FILE"])).toThrow("give the variable itself (A)"));
});

describe("helper specifier", () => {
  const helper = "/p/src/read-secret-env.ts";
  it.each([
    ["/p/src/a.ts", "none", "./read-secret-env"],
    ["/p/src/a.ts", "js", "./read-secret-env.js"],
    ["/p/src/a.ts", "ts", "./read-secret-env.ts"],
    ["/p/src/deep/x/a.ts", "js", "../../read-secret-env.js"],
  ] as const)("%s with %s imports → %s", (from, style, expected) => expect(helperSpecifier(from, helper, style)).toBe(expected));
  it("always names a .cjs/.mjs helper with its extension", () => {
    expect(helperSpecifier("/p/a.js", "/p/read-secret-env.cjs", "none")).toBe("./read-secret-env.cjs");
    expect(helperSpecifier("/p/a.mts", "/p/read-secret-env.mts", "js")).toBe("./read-secret-env.mjs");
  });
});

describe("default helper", () => {
  const caller = (file: string, typescript: boolean, syntax: "import" | "require") => ({ file, typescript, syntax });
  it("goes to the deepest folder holding every caller, as TypeScript when one caller is", () => {
    const callers = [caller("/p/src/a/x.ts", true, "import"), caller("/p/src/b/y.js", false, "require")];
    expect(defaultHelperPath({ callers, packageType: () => "commonjs" })).toBe("/p/src/read-secret-env.ts");
  });
  it.each([
    ["module", ["import"], "read-secret-env.js"],
    ["commonjs", ["require"], "read-secret-env.js"],
    ["commonjs", ["import"], "read-secret-env.mjs"],
    ["module", ["require"], "read-secret-env.cjs"],
    ["module", ["import", "require"], "read-secret-env.cjs"],
  ] as const)("JavaScript in a %s package using %j → %s", (type, syntaxes, name) => {
    const callers = syntaxes.map((s, i) => caller(`/p/src/f${i}.js`, false, s));
    expect(path.basename(defaultHelperPath({ callers, packageType: () => type }))).toBe(name);
  });
  it("takes its flavour from its extension, a .js one from the package type", () => {
    expect(flavourOf("x.cts", "module")).toBe("typescript");
    expect(flavourOf("x.js", "module")).toBe("esm");
    expect(flavourOf("x.js", "commonjs")).toBe("cjs");
    expect(flavourOf("x.mjs", "commonjs")).toBe("esm");
  });
});

describe("--from-report", () => {
  const finding = (service: string, message: string, ruleId = "gate/plaintext-secret") => ({ ruleId, severity: "warning", file: "s.yml", line: 1, column: 1, message: `Service "${service}": ${message}`, fix: "env-to-secrets", service });
  const report = (findings: unknown[]) => {
    const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ findings }));
    return file;
  };

  it("takes each variable once, leaves out URLs and composed values, and other rules", () => {
    const file = report([
      finding("functions", "STRIPE_SECRET_KEY is set from ${STRIPE_SECRET_KEY}, a plaintext environment variable …"),
      finding("worker", "STRIPE_SECRET_KEY is passed through from the deploying shell's environment, …"),
      finding("functions", "WEBHOOK_SIGNING_SECRET has a literal value in the file (readable …); move it to a Docker secret"),
      finding("functions", "DATABASE_URL embeds a ${…} password in a connection URL, …"),
      finding("functions", "DSN is built from ${…} references, …"),
      finding("functions", "spring.datasource.password has a literal value in the file …"),
      finding("functions", "PORT_X is published", "security/port-all-interfaces"),
    ]);
    expect(variablesFromReport(file, "r.json", [])).toEqual({ variables: ["STRIPE_SECRET_KEY", "WEBHOOK_SIGNING_SECRET"], skipped: ["spring.datasource.password"], findings: 6 });
    expect(variablesFromReport(file, "r.json", ["worker"]).variables).toEqual(["STRIPE_SECRET_KEY"]);
  });

  it("refuses a finding that does not name its variable", () => {
    const file = report([{ ruleId: "gate/plaintext-secret", message: "something else" }]);
    expect(() => variablesFromReport(file, "r.json", [])).toThrow('r.json: finding 1 of gate/plaintext-secret does not name its variable');
  });
});

describe("--src lists", () => {
  it("splits on commas outside braces", () => {
    expect(pathListFlag(["src,lib", "packages/{api,jobs}/src"])).toEqual(["src", "lib", "packages/{api,jobs}/src"]);
  });
});
