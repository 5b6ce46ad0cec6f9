/**
 * Files of the compose-gate package itself (package.json, the shipped example), found from this
 * module's location. The module sits two folders below the package root wherever it runs from:
 * src/cli, dist/cli, and dist/cli-bundle (the bundled CLI, scripts/build-cli.ts), which is why
 * the bundle is written at that depth.
 */
export function packageFile(relative: string): URL {
  return new URL(`../../${relative}`, import.meta.url);
}
