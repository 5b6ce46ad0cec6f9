import { hostname } from "node:os";

export const token = process.env.API_TOKEN ?? hostname();
