import { readSecretEnv } from "./read-secret-env.js";

export const token = readSecretEnv("API_TOKEN");
