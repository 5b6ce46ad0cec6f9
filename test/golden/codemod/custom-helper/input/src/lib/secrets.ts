// Our own version of the helper: it also logs which variables came from files.
import { readFileSync } from "node:fs";

export function readSecretEnv(name: string): string | undefined {
  const file = process.env[`${name}_FILE`];
  if (!file) return process.env[name];
  console.info(`${name} read from ${file}`);
  return readFileSync(file, "utf8").replace(/\n$/, "");
}
