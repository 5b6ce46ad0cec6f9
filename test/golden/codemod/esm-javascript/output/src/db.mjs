import { hostname } from "node:os";
import { readSecretEnv } from "./read-secret-env.js";

export const dbPassword = readSecretEnv("DB_PASSWORD") ?? hostname();
