/*
 * Licensed under MIT.
 */

import { readSecretEnv } from "./read-secret-env";

export const header = { authorization: readSecretEnv("API_TOKEN") };
