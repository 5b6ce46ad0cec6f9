import { spawnSync } from "node:child_process";

export function runMigrations(): number | null {
  return spawnSync("migrate", ["up"], { env: { ...process.env, LOG_LEVEL: "warn" } }).status;
}
