/**
 * `import()` of a module file by path: the one module compose-gate imports at run time that it
 * does not ship, an .mjs config file. The bundled CLI is a classic script, where `import()`
 * would need --experimental-vm-modules, so scripts/build-cli.ts swaps this module for one that
 * imports through the CLI's launcher (src/cli/launch.cts).
 */
import { pathToFileURL } from "node:url";

export function importFile(file: string): Promise<unknown> {
  return import(pathToFileURL(file).href);
}
