import { env } from "node:process";

const { env: processEnv } = process;
export const token = env.API_TOKEN ?? processEnv.DB_PASSWORD;
