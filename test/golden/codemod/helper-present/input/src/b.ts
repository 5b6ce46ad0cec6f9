import { password } from "./a";

export const both = `${password}:${process.env.DB_PASSWORD}`;
