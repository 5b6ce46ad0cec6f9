export function cleanEnv(source: NodeJS.ProcessEnv, names: string[]): boolean {
  return names.every((n) => source[n] !== undefined);
}
