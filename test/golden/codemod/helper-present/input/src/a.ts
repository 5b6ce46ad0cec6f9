import { readSecretEnv as secret } from "./read-secret-env";

export const password = secret("DB_PASSWORD");
export const token = process.env.API_TOKEN;
