import legacy from "./legacy.cjs";
import { readSecretEnv } from "./read-secret-env.cjs";

console.log(JSON.stringify({ token: readSecretEnv("API_TOKEN"), password: legacy.password }));
