// Bun reads import.meta.env at run time (an alias of process.env).
export const token = import.meta.env.API_TOKEN;
const { DB_PASSWORD } = import.meta.env;
export const password = DB_PASSWORD ?? process.env.DB_PASSWORD;
