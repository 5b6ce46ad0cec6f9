// Names that contain DB_PASSWORD but are other variables.
export const hash = process.env.DB_PASSWORD_HASH;
export const file = process.env.DB_PASSWORD_FILE;
export const mine = process.env.MY_DB_PASSWORD;
export const user = process.env["DB_USER"];
export const { DB_USER, DB_HOST = "localhost" } = process.env;

// Mentions that are not reads: a comment about process.env.DB_PASSWORD, and text.
export const doc = "set process.env.DB_PASSWORD before starting";
export const settings = { env: { DB_PASSWORD: "placeholder" } };
export const fromSettings = settings.env.DB_PASSWORD;
export type Password = typeof process.env.DB_PASSWORD;
