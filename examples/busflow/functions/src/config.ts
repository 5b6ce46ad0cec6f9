// Settings of the functions service, read once at start-up.
const { NODE_ENV = "development", STRIPE_SECRET_KEY } = process.env;

export const config = {
  production: NODE_ENV === "production",
  stripeSecretKey: STRIPE_SECRET_KEY ?? "",
  hasuraAdminSecret: process.env.HASURA_GRAPHQL_ADMIN_SECRET ?? "",
};
