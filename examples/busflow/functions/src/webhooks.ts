import { createHmac, timingSafeEqual } from "node:crypto";

/** Checks the signature Busflow's payment provider puts on every webhook call. */
export function verifySignature(body: string, signature: string): boolean {
  const secret = process.env["WEBHOOK_SIGNING_SECRET"];
  if (!secret) throw new Error("WEBHOOK_SIGNING_SECRET is not set");
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}
