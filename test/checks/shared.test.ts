/** The readers the rules share: ports, interpolation, shell words, and where secret text is written. */
import { describe, expect, it } from "vitest";
import { shellWords } from "../../src/secrets/command-line.js";
import { stackInterpolationIssues } from "../../src/checks/shared/stack-interpolation.js";
import { parsePort } from "../../src/checks/shared/ports.js";
import { textKind } from "../../src/secrets/text-kind.js";

describe("parsePort", () => {
  it("reads every short-syntax shape", () => {
    expect(parsePort("80")).toEqual({ syntax: "short", target: "80", text: "80" });
    expect(parsePort(8080)).toMatchObject({ target: "8080" });
    expect(parsePort("8080:80/udp")).toEqual({ syntax: "short", published: "8080", target: "80", text: "8080:80/udp" });
    expect(parsePort("127.0.0.1:8080:80")).toMatchObject({ hostIp: "127.0.0.1", published: "8080", target: "80" });
    expect(parsePort("127.0.0.1::80")).toMatchObject({ hostIp: "127.0.0.1", published: "", target: "80" });
    expect(parsePort("[::1]:8080:80")).toMatchObject({ hostIp: "::1", published: "8080", target: "80" });
    expect(parsePort("${HOST_IP:-127.0.0.1}:${PORT:-8080}:80")).toMatchObject({ hostIp: "${HOST_IP:-127.0.0.1}", published: "${PORT:-8080}", target: "80" });
    expect(parsePort("8000-8010:8000-8010")).toMatchObject({ published: "8000-8010", target: "8000-8010" });
  });
  it("reads long syntax and ignores what is not a port", () => {
    expect(parsePort({ target: 80, published: "8080", host_ip: "10.0.0.1" })).toMatchObject({ syntax: "long", hostIp: "10.0.0.1", text: "10.0.0.1:8080:80" });
    expect(parsePort({ published: 80 })).toBeUndefined();
    expect(parsePort("")).toBeUndefined();
    expect(parsePort(null)).toBeUndefined();
  });
});

describe("stackInterpolationIssues", () => {
  it("words each docker/cli difference without printing arguments", () => {
    expect(stackInterpolationIssues("${TLS:+on} cost $5 ${A:-${B:-secretdefault}} ${E:?use-a-value} $F-x ${OK:-fine} $${ESCAPED:+x}")).toEqual([
      { effect: "rejected", message: '${TLS:+…} is rejected by docker stack deploy ("invalid interpolation format"): it has no :+ or + operator' },
      { effect: "rejected", message: 'a "$" that starts no variable is rejected by docker stack deploy ("invalid interpolation format"); write "$$"' },
      { effect: "misread", message: "${A:-…} nests a ${…} or $$ in its argument, which docker stack deploy uses as written, without an error" },
      { effect: "misread", message: '${E:?…} is read by docker stack deploy with the operator "-" (it looks for :-, -, :?, ? in that order)' },
      { effect: "misread", message: "$F- is read by docker stack deploy as an operator after an unbraced variable, which swallows the text after it; write ${F}-" },
    ]);
  });
});

describe("shellWords", () => {
  it("splits on blanks outside quotes and ${…}", () => {
    expect(shellWords(`psql "host=db password=x" -c 'select 1' \${A:-a b}`)).toEqual(["psql", "host=db password=x", "-c", "select 1", "${A:-a b}"]);
  });
});

describe("textKind", () => {
  it("tells written secret text from references", () => {
    expect(textKind("hunter2")).toBe("literal");
    expect(textKind("${PW}")).toBe("reference");
    expect(textKind("$PW")).toBe("reference");
    expect(textKind("${A}:${B}")).toBe("reference");
    expect(textKind("${PW:-changeme}")).toBe("literal");
    expect(textKind("${PW:-${OTHER}}")).toBe("reference");
    expect(textKind("pre-${PW}")).toBe("literal");
    expect(textKind("$${PW}")).toBe("literal");
  });
});
