import { cleanEnv } from "./clean";
import { readSecretEnv } from "./read-secret-env";

const env = process.env;
export const token = env.API_TOKEN;
export const complete = cleanEnv(process.env, ["DB_PASSWORD", "API_TOKEN"]);
export const hasPassword = "DB_PASSWORD" in process.env;
const key = "API_TOKEN";
export const { [key]: computed } = process.env;
export const direct = readSecretEnv("DB_PASSWORD");
