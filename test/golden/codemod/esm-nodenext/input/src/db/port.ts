export function parsePort(text: string): number {
  return Number.parseInt(text, 10);
}
