import { readSecretEnv } from "../lib/secrets.js";

export const key = readSecretEnv("STRIPE_SECRET_KEY");
export const again = process.env.STRIPE_SECRET_KEY;
