import { createHmac } from "node:crypto";
import { readSecretEnv } from "../read-secret-env.js";

export function sign(body: string): string {
  const { WEBHOOK_SIGNING_SECRET } = { WEBHOOK_SIGNING_SECRET: readSecretEnv("WEBHOOK_SIGNING_SECRET") };
  return createHmac("sha256", WEBHOOK_SIGNING_SECRET ?? "").update(body).digest("hex");
}

export function verify(body: string, signature: string): boolean {
  const { WEBHOOK_SIGNING_SECRET: secret = "dev-secret", STRIPE_SECRET_KEY } = { WEBHOOK_SIGNING_SECRET: readSecretEnv("WEBHOOK_SIGNING_SECRET"), STRIPE_SECRET_KEY: readSecretEnv("STRIPE_SECRET_KEY") };
  return Boolean(STRIPE_SECRET_KEY) && createHmac("sha256", secret).update(body).digest("hex") === signature;
}
