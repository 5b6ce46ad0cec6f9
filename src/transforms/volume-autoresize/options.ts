/**
 * The options of volume-autoresize. Every value ends up in the generated workflow or on the
 * script's command line, so each is checked to a shape that needs no quoting there.
 */
import { z } from "zod";

/** Hetzner volume names: alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric, up to 64 (Hetzner Cloud API, "Create a Volume"). */
const VOLUME_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;

const volume = z
  .object({
    // A number in a config file is taken as its digits.
    id: z.coerce.string().regex(/^[1-9][0-9]*$/).optional().describe("The volume's id in the Hetzner Cloud API"),
    name: z.string().regex(VOLUME_NAME).optional().describe("The volume's name in the Hetzner Cloud project, when the id is not at hand"),
    mount: z
      .string()
      .regex(/^\/[A-Za-z0-9._/-]+$/)
      .refine((m) => !m.split("/").includes(".."), "must not contain ..")
      .describe("Where the volume is mounted on the server"),
  })
  .strict()
  .refine((v) => (v.id === undefined) !== (v.name === undefined), { message: "give the volume's id or its name, not both" });

export const options = z.object({
  volumes: z
    .array(volume)
    .default([])
    .describe(
      "Hetzner Cloud Volumes to watch besides the ones found in the stack (writable bind mounts under /mnt/HC_Volume_<id>): [{id or name, mount}], e.g. a volume mounted elsewhere or holding Docker's data-root",
    ),
  workflow: z
    .string()
    .regex(/^\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml$/)
    .default(".github/workflows/volume-autoresize.yml")
    .describe("Path of the workflow, relative to the repository root; GitHub runs workflows only from .github/workflows"),
  script: z
    .string()
    .regex(/^[A-Za-z0-9._-][A-Za-z0-9._/-]*\.sh$/)
    .refine((p) => !p.split("/").includes(".."), "must not contain ..")
    .default("scripts/volume-autoresize.sh")
    .describe("Path of the resize script, relative to the stack's folder"),
  schedule: z
    .string()
    .regex(/^[0-9A-Za-z*\/,-]+( [0-9A-Za-z*\/,-]+){4}$/)
    .default("*/15 * * * *")
    .describe("When the workflow measures the volumes (cron, UTC; GitHub runs schedules at most every 5 minutes)"),
  environment: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default("production")
    .describe("The GitHub environment whose secrets the workflow reads (HCLOUD_TOKEN and the SSH secrets)"),
  thresholdPercent: z.number().int().min(1).max(99).default(90).describe("Grow a volume when more than this percent of its filesystem is used (the critical volume alert's threshold)"),
  maxSizeGb: z.number().int().min(10).max(10240).default(500).describe("Never grow a volume beyond this size in GB (Hetzner volumes go from 10 GB to 10 TB)"),
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .default(360)
    .describe("No second resize of a volume within this many minutes of the last one, so a grow that failed or did not help is not repeated every run"),
});

export type Options = z.infer<typeof options>;
