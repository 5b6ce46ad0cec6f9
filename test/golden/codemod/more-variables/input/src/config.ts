// Rewritten by an earlier run for DB_PASSWORD only; this run also asks for SMTP_PASSWORD and API_TOKEN.
import { readSecretEnv } from "./read-secret-env.js";

export const { DB_PASSWORD, SMTP_PASSWORD, SMTP_HOST, API_TOKEN: token } = Object.assign({}, process.env, { DB_PASSWORD: readSecretEnv("DB_PASSWORD") });
export const db = readSecretEnv("DB_PASSWORD");
export const smtp = process.env.SMTP_PASSWORD;
