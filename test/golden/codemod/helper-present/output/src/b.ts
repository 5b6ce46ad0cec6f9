import { password } from "./a";
import { readSecretEnv } from "./read-secret-env";

export const both = `${password}:${readSecretEnv("DB_PASSWORD")}`;
