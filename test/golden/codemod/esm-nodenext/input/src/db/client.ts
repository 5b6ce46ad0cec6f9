import { parsePort } from "./port.js";

const {
  DB_HOST: host = "postgres",
  DB_PORT,
  DB_PASSWORD: password = "",
  DB_USER, // the role, not secret
  ...rest
} = process.env;

export const connection = { host, port: parsePort(DB_PORT ?? "5432"), user: DB_USER, password, extra: Object.keys(rest).length };
