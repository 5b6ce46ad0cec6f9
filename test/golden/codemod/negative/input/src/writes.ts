// Writes to process.env are not reads: all stay as they are.
export function configure(): void {
  process.env.DB_PASSWORD = "set-by-tests";
  process.env["DB_PASSWORD"] ??= "fallback";
  process.env.DB_PASSWORD += "-suffix";
  delete process.env.DB_PASSWORD;
  [process.env.DB_PASSWORD] = ["from-array"];
  ({ value: process.env.DB_PASSWORD } = { value: "from-object" });
  Object.assign(process.env, { DB_PASSWORD: "assigned" });
}
