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
  version: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      "Rotation version for Swarm secret names: 0 keeps `<name>`; N ≥ 1 names the Docker object `<name>_vN` while services keep mounting `/run/secrets/<name>` (https://docs.docker.com/engine/swarm/secrets/#example-rotate-a-secret)",
    ),
  script: relativePath("script")
    .default("scripts/create-secrets.sh")
    .describe("Where the create-secrets script is written, relative to the first compose file's directory"),
  secretsDir: relativePath("secretsDir")
    .default("secrets")
    .describe("Directory of the secret files for target `compose`, relative to the first compose file's directory"),
});

/** The options as the steps use them: `auto` already answered from the files. */
export type EnvToSecretsOptions = Omit<z.infer<typeof envToSecretsOptions>, "target"> & { target: Target };
