/** One line that names an unexpected error and where it was thrown, for fuzz reports. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split("\n").find((l) => l.trim().startsWith("at "))?.trim() ?? "";
  return `${error.name}: ${error.message.split("\n")[0]} ${frame}`.trim();
}
