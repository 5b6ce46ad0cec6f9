import { parsePort } from "./port.js";
import { readSecretEnv } from "../read-secret-env.js";

const {
  DB_HOST: host = "postgres",
  DB_PORT,
  DB_PASSWORD: password = "",
  DB_USER, // the role, not secret
  ...rest
} = Object.assign({}, process.env, { DB_PASSWORD: readSecretEnv("DB_PASSWORD") });

export const connection = { host, port: parsePort(DB_PORT ?? "5432"), user: DB_USER, password, extra: Object.keys(rest).length };
