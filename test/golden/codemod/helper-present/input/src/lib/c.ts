import { readSecretEnv } from "../read-secret-env";

export const { DB_PASSWORD, API_TOKEN: token = "none", LOG_LEVEL } = Object.assign({}, process.env, { DB_PASSWORD: readSecretEnv("DB_PASSWORD"), API_TOKEN: readSecretEnv("API_TOKEN") });
