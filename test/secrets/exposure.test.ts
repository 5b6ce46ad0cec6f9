/**
 * What `docker inspect` shows, measured: the shipped Busflow stack rendered by
 * `docker stack config` with a canary value for every secret variable, before and after the
 * pre-first-client preset, and the (service, secret) pairs whose canary (or literal secret)
 * appears in a rendered service — its environment, command, entrypoint, labels: what a service
 * spec carries. The services the preset converted must show none; the rest are the images with
 * no shell and the stack's own image before the codemod.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseCompose } from "../../src/document/compose-document.js";
import { Project } from "../../src/project/project.js";
import { isSecretName, literalSecretsIn } from "../../src/secrets/detect.js";
import { getTransform, PRESETS } from "../../src/transforms/registry.js";
import { collectSecrets } from "../../src/transforms/env-to-secrets/collect.js";
import { interpolatedVariables } from "../../src/transforms/env-to-secrets/workflow.js";
import { runTransforms } from "../../src/transforms/pipeline.js";
import { need, stackConfig } from "../support/tools.js";
import { repoRoot } from "../_utils.js";

const FILE = "docker-compose.production.yml";
const input = readFileSync(path.join(repoRoot, "examples/busflow", FILE), "utf8");

function project(text: string): Project {
  return new Project([parseCompose(text, { filename: FILE })]);
}

/** Secret markers: a canary per secret variable of either version, and the literal secrets written in the input. */
function markers(texts: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    const p = project(text);
    const tainted = collectSecrets(p, {}).secretVariables;
    for (const v of interpolatedVariables(p)) if (isSecretName(v) || tainted.has(v)) out.set(v, `cg-canary-${v.toLowerCase()}-5e1`);
  }
  const p = project(input);
  for (const service of p.services()) {
    for (const entry of p.docs[0].env(service)) for (const literal of literalSecretsIn(entry.name, entry.value)) out.set(`literal ${entry.name}`, literal);
  }
  return out;
}

/** `service secret` for every secret that a rendered service carries. */
function exposed(text: string, secrets: Map<string, string>): string[] {
  const env = Object.fromEntries([...secrets].filter(([k]) => !k.startsWith("literal ")).map(([k, v]) => [k, v]));
  const rendered = stackConfig({ [FILE]: text }, env);
  expect(rendered.ok, rendered.stderr).toBe(true);
  const services = (parse(rendered.stdout) as { services: Record<string, unknown> }).services;
  const pairs: string[] = [];
  for (const [service, spec] of Object.entries(services)) {
    const shown = JSON.stringify(spec);
    for (const [secret, marker] of secrets) if (shown.includes(marker)) pairs.push(`${service} ${secret}`);
  }
  return pairs.sort();
}

describe("Busflow: the secrets docker inspect shows", () => {
  it("drop from 20 (service, secret) pairs to 9, none in the services the preset converted", (ctx) => {
    need(ctx, "docker");
    const result = runTransforms([{ path: FILE, text: input }], PRESETS["pre-first-client"].map(getTransform));
    const output = result.files[0].after;
    const secrets = markers([input, output]);
    const before = exposed(input, secrets);
    const after = exposed(output, secrets);
    console.info(`[exposure] Busflow (service, secret) pairs: ${before.length} before the preset, ${after.length} after`);
    expect(before).toHaveLength(20);
    expect(after).toEqual([
      // nhost auth and storage: no /bin/sh for a shim (storage's S3 keys went to a credentials file).
      "auth AUTH_SMTP_PASS",
      "auth HASURA_GRAPHQL_ADMIN_SECRET",
      "auth HASURA_GRAPHQL_JWT_SECRET",
      "auth POSTGRES_PASSWORD",
      // The stack's own image, until `compose-gate codemod secrets` and option fileCapableImages.
      "functions HASURA_GRAPHQL_ADMIN_SECRET",
      "functions STRIPE_SECRET_KEY",
      "functions WEBHOOK_SIGNING_SECRET",
      "storage HASURA_GRAPHQL_ADMIN_SECRET",
      "storage POSTGRES_PASSWORD",
    ]);
    // The literal left the file: the rendered stack carries the deploy variable's value instead.
    expect(after.some((p) => p.includes("literal "))).toBe(false);
    for (const converted of ["postgres", "graphql", "postgres-backup", "postgres-exporter"]) {
      expect(after.filter((p) => p.startsWith(`${converted} `)), converted).toEqual([]);
    }
  });
});
