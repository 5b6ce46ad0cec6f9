import { hostname } from "node:os";

export const dbPassword = process.env.DB_PASSWORD ?? hostname();
