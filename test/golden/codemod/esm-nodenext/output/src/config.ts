/**
 * Runtime configuration, read once at start-up.
 */

import { parsePort } from "./db/port.js"; // accepts "3000" and " 3000 "
import { readSecretEnv } from "./read-secret-env.js";

export const port = parsePort(process.env.PORT ?? "3000");

// Stripe: the key is required in production.
export const stripeKey = readSecretEnv("STRIPE_SECRET_KEY");
export const webhookSecret: string = readSecretEnv("WEBHOOK_SIGNING_SECRET") ?? "";
export const nodeEnv = process.env.NODE_ENV;

export function requireStripeKey(): string {
  const key = readSecretEnv("STRIPE_SECRET_KEY")?.trim();
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  return key;
}
