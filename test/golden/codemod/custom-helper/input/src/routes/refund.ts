export const refundKey = process.env.STRIPE_SECRET_KEY;
