/** The options of env-to-secrets, each with its default and where that default comes from. */
import path from "node:path";
import { z } from "zod";
import type { Target } from "../shared/stack.js";
import { targetOption } from "../shared/target-option.js";

const relativePath = (what: string) =>
  z
    .string()
    .min(1)
    .refine((p) => !path.posix.isAbsolute(p) && !path.posix.normalize(p).startsWith(".."), {
      message: `${what} must be a relative path inside the project directory`,
    });

export const envToSecretsOptions = z.object({
  target: targetOption.describe(
    "How the stack is deployed: `swarm` declares `external: true` secrets created with `docker secret create`; `compose` declares `file: ./secrets/<name>` because `docker compose up` rejects external secrets (docker/docs#18982); `auto` tells from the files (Swarm `deploy:` keys, overlay networks, external secrets or configs)",
  ),
  include: z
    .array(z.string().min(1))
    .default([])
    .describe("Extra name fragments that mark a variable as secret (case-insensitive), added to the built-in PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, … list"),
  exclude: z
    .array(z.string().min(1))
    .default([])
    .describe("Variable names or fragments never treated as secrets (case-insensitive)"),
  fileCapableImages: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Images, besides the built-in table, that read `<NAME>_FILE` for every secret variable (e.g. your own image once `compose-gate codemod secrets` made its code read them); without a registry an entry matches any registry",
    ),
  shims: z
    .enum(["known", "off"])
    .default("known")
    .describe(
      "Entrypoint shims for images that read no `<NAME>_FILE` but are known to have `/bin/sh` and a known start (hasura/graphql-engine, eeshugerman/postgres-backup-s3): `known` moves their secret variables into a shim that reads /run/secrets and then runs the image's own command; `off` leaves them in the environment with a manual step",
    ),
  version: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      "Rotation version for Swarm secret names: 0 keeps `<name>`; N ≥ 1 names the Docker object `<name>_vN` while services keep mounting `/run/secrets/<name>` (https://docs.docker.com/engine/swarm/secrets/#example-rotate-a-secret); to rotate one secret, `compose-gate secrets rotate <name>` is simpler",
    ),
  script: relativePath("script")
    .default("scripts/create-secrets.sh")
    .describe("Where the create-secrets script is written, relative to the first compose file's directory"),
  syncWorkflow: z
    .string()
    .refine((p) => p === "" || (!path.posix.isAbsolute(p) && !path.posix.normalize(p).startsWith("..")), {
      message: "syncWorkflow must be empty or a relative path inside the repository",
    })
    .default(".github/workflows/secrets-sync.yml")
    .describe(
      "Where the secrets-sync GitHub Actions workflow is written (target swarm), relative to the repository root: it creates the stack's external secrets on the Swarm manager from GitHub environment secrets named like their variables, over SSH, and can deploy the stack; empty for none",
    ),
  environment: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "environment must be a GitHub environment name (letters, digits, _ . -)")
    .default("production")
    .describe("The GitHub environment whose secrets the secrets-sync workflow reads"),
  stackName: z
    .string()
    .regex(/^([a-z0-9][a-z0-9_-]*)?$/, "stackName must be a Swarm stack name (lower-case letters, digits, _ and -)")
    .default("")
    .describe("The stack name the secrets-sync workflow deploys by default; empty for the stack folder's name (the repository's name at its root)"),
  secretsDir: relativePath("secretsDir")
    .default("secrets")
    .describe("Directory of the secret files for target `compose`, relative to the first compose file's directory"),
});

/** The options as the steps use them: `auto` already answered from the files. */
export type EnvToSecretsOptions = Omit<z.infer<typeof envToSecretsOptions>, "target"> & { target: Target };
