/**
 * The option every helper-adding transform shares. Kept apart from `stack.ts`, which the checks
 * import too: a zod schema built at load time would put zod on the path of every `check`.
 */
import { z } from "zod";

/** `auto` reads the files (see `deployTarget` in stack.ts). */
export const targetOption = z
  .enum(["auto", "swarm", "compose"])
  .default("auto")
  .describe("How the stack is deployed: `swarm` (docker stack deploy), `compose` (docker compose up), or `auto` to tell from the files");
