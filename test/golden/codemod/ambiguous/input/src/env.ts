/** A wrapper that reads any variable: the codemod cannot know which ones it is called with. */
export function env(name: string): string | undefined {
  return process.env[name];
}
