import { readSecretEnv as secret } from "./read-secret-env";

export const password = secret("DB_PASSWORD");
export const token = secret("API_TOKEN");
