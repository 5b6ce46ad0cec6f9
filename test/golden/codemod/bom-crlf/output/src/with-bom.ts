import { hostname } from "node:os";
import { readSecretEnv } from "./read-secret-env";

export const token = readSecretEnv("API_TOKEN") ?? hostname();
