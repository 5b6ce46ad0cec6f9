export const password = process.env.DB_PASSWORD;
