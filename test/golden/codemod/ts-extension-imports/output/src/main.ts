import { twice } from "./util.ts";
import { readSecretEnv } from "./read-secret-env.ts";

export const doubled = twice(readSecretEnv("API_TOKEN") ?? "");
