import { readSecretEnv } from "./read-secret-env";

// Bun reads import.meta.env at run time (an alias of process.env).
export const token = readSecretEnv("API_TOKEN");
const { DB_PASSWORD } = { DB_PASSWORD: readSecretEnv("DB_PASSWORD") };
export const password = DB_PASSWORD ?? readSecretEnv("DB_PASSWORD");
