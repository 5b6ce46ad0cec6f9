import { createHmac } from "node:crypto";

export function sign(body: string): string {
  const { WEBHOOK_SIGNING_SECRET } = process.env;
  return createHmac("sha256", WEBHOOK_SIGNING_SECRET ?? "").update(body).digest("hex");
}

export function verify(body: string, signature: string): boolean {
  const { WEBHOOK_SIGNING_SECRET: secret = "dev-secret", STRIPE_SECRET_KEY } = process.env;
  return Boolean(STRIPE_SECRET_KEY) && createHmac("sha256", secret).update(body).digest("hex") === signature;
}
