// Browser code: Vite replaces import.meta.env.* while it builds.
export const publicToken = import.meta.env.API_TOKEN;
