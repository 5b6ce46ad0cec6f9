import { readSecretEnv } from "../lib/secrets.js";

export const refundKey = readSecretEnv("STRIPE_SECRET_KEY");
