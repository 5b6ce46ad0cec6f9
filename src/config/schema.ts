/**
 * The shape of `compose-gate.config.{json,yaml,yml,mjs}` (or the `compose-gate` key of
 * package.json). Strict: an unknown key is an error that names the keys allowed there, because a
 * misspelt `failon` silently ignored would let CI pass on findings it meant to fail.
 */
import { z } from "zod";
import { FAIL_ON, FORMATS } from "./choices.js";

export { FAIL_ON, FORMATS, type FailOn, type Format } from "./choices.js";

const path = z.string().min(1, "expected a non-empty path");

const StackEntry = z.union(
  [
    path,
    z.strictObject({
      files: z.array(path).min(1).describe("Compose files of one project, in `-f` order"),
      edit: z.array(path).optional().describe("Files of the project compose-gate may change (default: the last)"),
      observability: path.optional().describe("The observability stack deployed next to this one (default: the *observability* / *monitoring* file beside the production file)"),
    }),
  ],
  { error: "expected a path, a glob, or { files: [...], edit?: [...], observability?: ... } for a multi-file project" },
);

const Suppression = z.strictObject({
  rule: z.string().min(1).describe("Check rule id, e.g. gate/minio"),
  service: z.string().min(1).optional().describe("Only this service (default: every service)"),
  reason: z.string().trim().min(1, "a suppression needs a reason").describe("Why the finding is accepted"),
});

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  files: z.array(StackEntry).optional().describe("Stacks to use when no paths are given; paths relative to the config file"),
  preset: z.string().min(1).optional().describe("Transform preset (default: pre-first-client)"),
  only: z.array(z.string().min(1)).optional().describe("Run only these transforms"),
  skip: z.array(z.string().min(1)).optional().describe("Skip these transforms"),
  checklist: z
    .union([z.string().min(1, "expected a file name"), z.literal(false)], { error: "expected a file name (relative to the stack's folder) or false" })
    .optional()
    .describe("The gate checklist `transform --write` keeps next to each stack (default GATE.md); false: none"),
  transforms: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional()
    .describe("Options per transform id"),
  check: z
    .strictObject({
      failOn: z.enum(FAIL_ON).optional().describe("Lowest severity that fails the run"),
      format: z.enum(FORMATS).optional().describe("Output format of `check`"),
      rules: z.array(z.string().min(1)).optional().describe("Run only these check rules"),
      suppressions: z.array(Suppression).optional().describe("Accepted findings, each with a reason"),
    })
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
export type StackEntry = z.infer<typeof StackEntry>;
export type SuppressionConfig = z.infer<typeof Suppression>;
