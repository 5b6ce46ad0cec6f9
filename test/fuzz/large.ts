/**
 * Stacks as large as compose-gate reads (just under the 2 MB cap), in the shapes that cost the
 * most: thousands of plain services, and thousands with a literal secret each (every one a
 * conversion, a finding and a SARIF fix). Each must go through `transform` and
 * `check --format sarif` of the built CLI within a time bound and a fixed heap.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MAX_FILE_BYTES } from "../../src/io/read.js";
import { BIN, crashIn } from "./cli.js";
import { CANARY } from "./inputs.js";

export interface LargeStack {
  name: string;
  text: string;
}

function stack(bytes: number, service: (i: number) => string): string {
  let text = "services:\n";
  for (let i = 0; text.length < bytes; i++) text += service(i);
  return text;
}

export function largeStacks(bytes = MAX_FILE_BYTES - 8192): LargeStack[] {
  return [
    {
      name: "plain services",
      text: stack(bytes, (i) => `  svc${i}:\n    image: registry.example.com/app-${i}:1.2.${i % 50}\n    environment:\n      TZ: UTC\n    deploy:\n      replicas: 2\n    # service ${i}, with a comment as real files have\n`),
    },
    {
      name: "a literal secret per service",
      text: stack(bytes, (i) => `  app${i}:\n    image: registry.example.com/app-${i}:1.${i % 9}\n    environment:\n      TZ: UTC\n      API_TOKEN: cnry-token-${i}\n    deploy:\n      replicas: 2\n`),
    },
  ];
}

export interface LargeRun {
  command: string;
  ms: number;
  violations: string[];
}

/** `transform --check` and `check --format sarif` on `text`, each with `heapMb` of heap and `boundMs` to finish. */
export function runLarge(text: string, heapMb: number, boundMs: number): LargeRun[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "compose-gate-large-"));
  try {
    writeFileSync(path.join(dir, "compose.yml"), text);
    return [["transform", "compose.yml", "--check"], ["check", "compose.yml", "--format", "sarif"]].map((args) => {
      const start = performance.now();
      const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, BIN, ...args], { cwd: dir, encoding: "utf8", timeout: boundMs, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
      const ms = performance.now() - start;
      const violations: string[] = [];
      if (r.error) violations.push(`${r.error.message} (bound ${boundMs} ms)`);
      else if (r.status !== 0 && r.status !== 1) violations.push(`exit ${r.status ?? r.signal} with a ${heapMb} MB heap: ${r.stderr.slice(-500)}`);
      const crash = crashIn(r.stderr ?? "");
      if (crash) violations.push(crash);
      if (`${r.stdout}${r.stderr}`.includes(CANARY)) violations.push("a planted secret is shown");
      if (args[0] === "check" && !r.error) {
        try {
          JSON.parse(r.stdout);
        } catch {
          violations.push("the SARIF log is not JSON");
        }
      }
      return { command: args.join(" "), ms, violations };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
