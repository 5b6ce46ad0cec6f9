import { readSecretEnv } from "../lib/secrets.js";

export const key = readSecretEnv("STRIPE_SECRET_KEY");
export const again = readSecretEnv("STRIPE_SECRET_KEY");
