import { twice } from "./util.ts";

export const doubled = twice(process.env.API_TOKEN ?? "");
